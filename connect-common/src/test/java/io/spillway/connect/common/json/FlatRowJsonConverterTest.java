package io.spillway.connect.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spillway.connect.common.data.FineTime;
import io.spillway.connect.common.flatten.Columns;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatRowJsonConverterTest {
  private static final Schema ROW =
      SchemaBuilder.struct()
          .name("io.spillway.connect.flat.orders")
          .field(Columns.PARTITION, Schema.INT32_SCHEMA)
          .field(Columns.OFFSET, Schema.INT64_SCHEMA)
          .field(Columns.TIMESTAMP, Timestamp.builder().optional().build())
          .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
          .field("small", Schema.OPTIONAL_INT16_SCHEMA)
          .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
          .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("ok", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .field("value", Schema.OPTIONAL_STRING_SCHEMA)
          .field("missing", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private static Struct row() {
    return new Struct(ROW)
        .put(Columns.PARTITION, 3)
        .put(Columns.OFFSET, 1L << 40)
        .put(Columns.TIMESTAMP, new Date(1_700_000_000_123L))
        .put("tiny", (byte) -7)
        .put("small", (short) 300)
        .put("ratio", 0.1f)
        .put("price", 1.0e21)
        .put("ok", true)
        .put("value", "{\"quote\":\"\\\"\",\"ünï\":\"\u0001\t\",\"emoji\":\"😀\"}");
  }

  private static byte[][] both(boolean schemas, Schema schema, Object value) {
    Map<String, String> config =
        Map.of("schemas.enable", Boolean.toString(schemas), "decimal.format", "NUMERIC");
    JsonConverter reference = new JsonConverter();
    reference.configure(config, false);
    FlatRowJsonConverter fast = new FlatRowJsonConverter();
    fast.configure(config, false);
    return new byte[][] {
      reference.fromConnectData("t", schema, value), fast.fromConnectData("t", schema, value)
    };
  }

  /** The same bytes; compared as text first for a readable failure. */
  private static void assertIdentical(byte[][] out) {
    assertEquals(
        new String(out[0], StandardCharsets.UTF_8), new String(out[1], StandardCharsets.UTF_8));
    assertArrayEquals(out[0], out[1]);
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void loneSurrogatesAreEscapedAsJacksonDoes(boolean schemas) {
    // getBytes turns a lone surrogate into '?': such ASCII-looking text must go to Jackson
    for (String text :
        new String[] {
          "a\ud800b",
          "\udc00",
          "x?\ud83d",
          "plain?",
          "eight by?tes and \udbff after a word",
          "??????????????????\ud800",
          "a long plain text?? with question marks only?"
        }) {
      assertIdentical(both(schemas, ROW, row().put("value", text)));
    }
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void flatRowsAreByteIdenticalToJsonConverter(boolean schemas) {
    for (int i = 0; i < 3; i++) { // the cached envelope head is reused
      byte[][] out = both(schemas, ROW, row());
      assertIdentical(out);
    }
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void everythingElseIsJsonConvertersOwnOutput(boolean schemas) {
    Schema nested =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("level", SchemaBuilder.int32().defaultValue(5).build())
            .build();
    Struct value =
        new Struct(nested)
            .put("id", 1L)
            .put("amount", new BigDecimal("12.30"))
            .put("tags", List.of("a", "b"));
    byte[][] out = both(schemas, nested, value);
    assertArrayEquals(out[0], out[1]);
    byte[][] text = both(schemas, Schema.STRING_SCHEMA, "plain");
    assertArrayEquals(text[0], text[1]);
    byte[][] schemaless = both(false, null, Map.of("k", 1));
    assertArrayEquals(schemaless[0], schemaless[1]);
    assertNull(both(schemas, null, null)[1]);
  }

  @org.junit.jupiter.api.Test
  void microsecondColumnsStayOnTheFastPathBothWays() {
    Schema schema =
        SchemaBuilder.struct()
            .field(Columns.OFFSET, Schema.INT64_SCHEMA)
            .field("at_us", FineTime.TIMESTAMP_MICROS.optionalSchema())
            .field("clock_us", FineTime.TIME_MICROS.optionalSchema())
            .build();
    Struct row =
        new Struct(schema)
            .put(Columns.OFFSET, 1L)
            .put("at_us", 1_700_000_000_123_456L)
            .put("clock_us", 86_399_999_999L);
    for (int i = 0; i < 3; i++) {
      assertIdentical(both(true, schema, row));
    }
    Map<String, String> config = Map.of("schemas.enable", "true");
    JsonConverter reference = new JsonConverter();
    reference.configure(config, false);
    FlatRowJsonConverter fast = new FlatRowJsonConverter();
    fast.configure(config, false);
    byte[] bytes = fast.fromConnectData("t", schema, row);
    for (int i = 0; i < 3; i++) {
      assertEquals(reference.toConnectData("t", bytes), fast.toConnectData("t", bytes));
    }
    assertEquals(2, fast.fastReads(), "read without JsonConverter once the schema is known");
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void readsAreJsonConverters(boolean schemas) {
    FlatRowJsonConverter fast = new FlatRowJsonConverter();
    fast.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
    Struct row = row();
    Object read = fast.toConnectData("t", fast.fromConnectData("t", ROW, row)).value();
    Object value =
        read instanceof Struct struct ? struct.get("value") : ((Map<?, ?>) read).get("value");
    assertEquals(row.get("value"), value, "round trip");
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void aMissingRequiredFieldFailsLikeJsonConverter(boolean schemas) {
    Struct incomplete = new Struct(ROW).put(Columns.OFFSET, 1L);
    FlatRowJsonConverter fast = new FlatRowJsonConverter();
    fast.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
    assertThrows(DataException.class, () -> fast.fromConnectData("t", ROW, incomplete));
  }

  private static final String SCHEMA =
      "{\"type\":\"struct\",\"fields\":["
          + "{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"},"
          + "{\"type\":\"int32\",\"optional\":true,\"field\":\"qty\"},"
          + "{\"type\":\"int8\",\"optional\":true,\"field\":\"tiny\"},"
          + "{\"type\":\"float\",\"optional\":true,\"field\":\"ratio\"},"
          + "{\"type\":\"double\",\"optional\":true,\"field\":\"price\"},"
          + "{\"type\":\"boolean\",\"optional\":true,\"field\":\"ok\"},"
          + "{\"type\":\"string\",\"optional\":true,\"field\":\"note\"},"
          + "{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\","
          + "\"version\":1,\"field\":\"at\"}],"
          + "\"optional\":false,\"name\":\"row\"}";

  private static String message(String payload) {
    return "{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}";
  }

  @org.junit.jupiter.api.Test
  void readsAreWhatJsonConverterReads() {
    JsonConverter reference = new JsonConverter();
    reference.configure(Map.of(), false);
    FlatRowJsonConverter fast = new FlatRowJsonConverter();
    fast.configure(Map.of(), false);
    List<String> payloads =
        List.of(
            "{\"id\":1,\"qty\":2,\"tiny\":-3,\"ratio\":0.5,\"price\":1e3,\"ok\":true,"
                + "\"note\":\"a\\\"b\\u00e9\",\"at\":1700000000123}",
            "{\"id\":2}",
            "{\"note\":null,\"id\":3,\"extra\":{\"x\":[1,2]},\"price\":7}",
            "{\"id\":4,\"qty\":\"not a number\"}",
            "{\"id\":5,\"qty\":99999999999}",
            "{\"id\":6,\"ok\":1}",
            "{\"id\":7,\"note\":12}",
            "{\"id\":8,\"at\":1.5}",
            "{\"id\":9,\"id\":10}",
            "{\"id\":11} ,\"payload\":{\"id\":12}", // a second payload: JsonConverter takes it
            "{\"id\":13} \n");
    for (int round = 0; round < 2; round++) { // the second round reads with the learnt schema
      for (String payload : payloads) {
        byte[] bytes = message(payload).getBytes(StandardCharsets.UTF_8);
        Object expected;
        try {
          expected = reference.toConnectData("t", bytes);
        } catch (DataException e) {
          expected = e.getClass();
        }
        Object actual;
        try {
          actual = fast.toConnectData("t", bytes);
        } catch (DataException e) {
          actual = e.getClass();
        }
        assertEquals(expected, actual, payload);
      }
    }
    for (String broken : List.of("{\"schema\":", "not json", "{\"payload\":{}}")) {
      byte[] bytes = broken.getBytes(StandardCharsets.UTF_8);
      assertThrows(DataException.class, () -> reference.toConnectData("t", bytes), broken);
      assertThrows(DataException.class, () -> fast.toConnectData("t", bytes), broken);
    }
    assertEquals(reference.toConnectData("t", null), fast.toConnectData("t", null));
    // Five payloads are plain (the 1st, 2nd, 3rd, 9th and last): read without JsonConverter once
    // the first message taught the schema part, i.e. 4 times in the first round and 5 in the
    // second.
    assertEquals(9, fast.fastReads());
  }

  @org.junit.jupiter.api.Test
  void alternatingSchemasAreReadAsJsonConverterReadsThem() {
    Map<String, String> config = Map.of("schemas.enable", "true");
    JsonConverter reference = new JsonConverter();
    reference.configure(config, false);
    FlatRowJsonConverter fast = new FlatRowJsonConverter();
    fast.configure(config, false);
    Schema other = SchemaBuilder.struct().name("other").field("id", Schema.INT64_SCHEMA).build();
    byte[] first = reference.fromConnectData("t", ROW, row());
    byte[] second = reference.fromConnectData("t", other, new Struct(other).put("id", 5L));
    for (int round = 0; round < 4; round++) {
      for (byte[] message : List.of(first, second, second, first)) {
        assertEquals(reference.toConnectData("t", message), fast.toConnectData("t", message));
      }
    }
    // Both schemas are learnt from the first two messages; every later message is read fast.
    assertEquals(14, fast.fastReads());
  }

  /** Text of every kind the string writer treats differently: plain, escaped, handed to Jackson. */
  private static String randomText(java.util.Random random) {
    String[] pieces = {
      "a", "Z", "0", " ", "~", "\u007f", "/", "\"", "\\", "\n", "\t", "\u0000", "\u001f", "é", "日",
      "😀", "\u2028", "'", "{", ":"
    };
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      text.append(
          random.nextInt(3) == 0
              ? pieces[random.nextInt(pieces.length)]
              : String.valueOf((char) (' ' + random.nextInt(95))));
    }
    return text.toString();
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void anyTextAndFieldNameIsWrittenAsJsonConverterWritesIt(boolean schemas) {
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 300; round++) {
      SchemaBuilder builder = SchemaBuilder.struct();
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      int fields = 1 + random.nextInt(4);
      while (names.size() < fields) {
        names.add("f" + randomText(random));
      }
      names.forEach(name -> builder.field(name, Schema.OPTIONAL_STRING_SCHEMA));
      Schema schema = builder.build();
      Struct row = new Struct(schema);
      for (String name : names) {
        row.put(name, random.nextInt(8) == 0 ? null : randomText(random));
      }
      byte[][] out = both(schemas, schema, row);
      assertIdentical(out);
    }
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void longTextAcrossWordBoundaries(boolean schemas) {
    Schema schema = SchemaBuilder.struct().field("text", Schema.OPTIONAL_STRING_SCHEMA).build();
    String plain = "abcdefgh".repeat(100);
    for (String special : List.of("\"", "\\", "\u0001", "é", "😀")) {
      for (int at = 0; at < 20; at++) {
        String text = plain.substring(0, at) + special + plain.substring(at);
        byte[][] out = both(schemas, schema, new Struct(schema).put("text", text));
        assertArrayEquals(out[0], out[1], at + " " + special);
      }
    }
    byte[][] out = both(schemas, schema, new Struct(schema).put("text", plain));
    assertArrayEquals(out[0], out[1]);
    String huge = "a\"b\\c".repeat(200_000); // beyond the escape buffer: Jackson writes it
    byte[][] hugeOut = both(schemas, schema, new Struct(schema).put("text", huge));
    assertArrayEquals(hugeOut[0], hugeOut[1]);
    assertEquals(
        8, JsonStringScan.plainRun("abcdefgh\"12345678".getBytes(StandardCharsets.UTF_8), 0));
    assertEquals(
        16, JsonStringScan.plainRun("abcdefghabcdefgh".getBytes(StandardCharsets.UTF_8), 3));
    byte[] marks = "abcdefgh?ijklmnopq?r".getBytes(StandardCharsets.UTF_8);
    assertEquals(8, JsonStringScan.indexOf(marks, (byte) '?', 0));
    assertEquals(8, JsonStringScan.indexOf(marks, (byte) '?', 8));
    assertEquals(18, JsonStringScan.indexOf(marks, (byte) '?', 9));
    assertEquals(marks.length, JsonStringScan.indexOf(marks, (byte) '?', 19));
    assertEquals(0, JsonStringScan.indexOf("?".getBytes(StandardCharsets.UTF_8), (byte) '?', 0));
  }
}
