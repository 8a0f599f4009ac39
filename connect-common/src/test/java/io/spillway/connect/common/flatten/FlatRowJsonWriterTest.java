package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.testkit.AvroWire;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential: for the same records, the pre-serialized bytes must equal what JsonConverter writes
 * for the typed row and key (the default path), with and without the schema envelope, in every
 * flatten mode, for random and edge-case input, bad input kept under errors.tolerance=all, policies
 * and Avro.
 */
class FlatRowJsonWriterTest {
  private static final String[] STRINGS = {
    "",
    "plain",
    "quote \" and backslash \\",
    "tab\tnew\nline\rcr\bbs\fff",
    "nul \u0000 unit \u001f del \u007f",
    "caf\u00e9 \u00fcber",
    "\u4e2d\u6587",
    "emoji \ud83d\ude00 pair",
    "</script> & 'single'",
    "a".repeat(300) + "\"" + "b".repeat(40),
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "7",
    "-9223372036854775808",
    "9223372036854775808",
    "123456789012345678901234567890",
    "0.1",
    "-0.0",
    "1.5e3",
    "1E-7",
    "12345678901234567.89",
    "0.1000000000000000055511151231257827",
    "1e400",
    "3.141592653589793",
    "1e-2000",
  };
  private static final String[] NAMES = {"id", "name", "a\"b", "emoji\ud83d\ude00", "x y", "id"};

  @ParameterizedTest
  @ValueSource(strings = {"packed", "unpacked", "auto"})
  void randomJsonMatchesJsonConverterWithAndWithoutSchemas(String mode) {
    Random random = new Random(17);
    List<RawRecord> records = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      records.add(record(i, key(random), jsonValue(random), headers(random)));
    }
    records.add(record(400, null, null, List.of())); // tombstone
    records.add(record(401, bytes("k"), null, List.of(header("h", "1"), header("h", "2"))));
    records.add(record(402, bytes("k"), bytes("[1,2,{\"a\":null}]"), List.of()));
    records.add(record(403, bytes("k"), bytes("\"just a string\""), List.of()));
    records.add(record(404, bytes("k"), bytes("{}"), List.of()));
    records.add(record(405, new byte[] {(byte) 0xff, 0}, bytes("{\"a\":1}"), List.of()));
    for (boolean schemas : new boolean[] {true, false}) {
      long fast = assertSameBytes(records, schemas, "flatten.mode", mode);
      // decimals (inexact numbers) go to JsonConverter; every other shape is written directly
      assertTrue(fast > records.size() / 2, "rows written directly: " + fast);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"packed", "unpacked"})
  void badInputKeptWithItsErrorColumnMatches(String mode) {
    List<RawRecord> records =
        List.of(
            record(0, bytes("k"), bytes("{\"a\": tru"), List.of()),
            record(
                1,
                bytes("k"),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'},
                List.of()),
            record(2, bytes("k"), bytes("{\"a\":1} trailing"), List.of()),
            record(3, bytes("k"), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, List.of()),
            record(4, bytes("k"), bytes("{\"fine\":\"row\"}"), List.of()));
    for (boolean schemas : new boolean[] {true, false}) {
      assertSameBytes(records, schemas, "flatten.mode", mode, "flatten.errors.tolerance", "all");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "text"})
  void policiesAndTextMessagesMatch(String type) {
    Random random = new Random(3);
    List<RawRecord> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      records.add(record(i, key(random), jsonValue(random), headers(random)));
    }
    for (boolean schemas : new boolean[] {true, false}) {
      assertSameBytes(records, schemas, "flatten.message.type", type);
      assertSameBytes(
          records,
          schemas,
          "flatten.message.type",
          type,
          "flatten.mode",
          "packed",
          "flatten.columns.hash",
          "value,key",
          "flatten.columns.hash.salt",
          "s",
          "flatten.columns.block",
          "headers");
      assertSameBytes(
          records,
          schemas,
          "flatten.message.type",
          type,
          "flatten.mode",
          "unpacked",
          "flatten.columns.hash",
          "value_name",
          "flatten.columns.hash.salt",
          "s");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"packed", "unpacked"})
  void avroRowsMatch(String mode) {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      org.apache.avro.Schema flat =
          new org.apache.avro.Schema.Parser()
              .parse(
                  "{\"type\":\"record\",\"name\":\"Flat\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"},"
                      + "{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"f\",\"type\":\"float\"},"
                      + "{\"name\":\"o\",\"type\":[\"null\",\"long\"]}]}");
      int flatId = registry.register("t-value", flat);
      org.apache.avro.Schema nested =
          new org.apache.avro.Schema.Parser()
              .parse(
                  "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"raw\",\"type\":\"bytes\"},"
                      + "{\"name\":\"price\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                      + "\"precision\":9,\"scale\":2}},{\"name\":\"day\",\"type\":{\"type\":\"int\","
                      + "\"logicalType\":\"date\"}},{\"name\":\"ts\",\"type\":{\"type\":\"long\","
                      + "\"logicalType\":\"timestamp-micros\"}},"
                      + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}}]}");
      int nestedId = registry.register("t2-value", nested);
      List<RawRecord> records = new ArrayList<>();
      Random random = new Random(5);
      for (int i = 0; i < 30; i++) {
        GenericRecord a = new GenericData.Record(flat);
        a.put("s", STRINGS[random.nextInt(STRINGS.length)]);
        a.put("i", random.nextInt());
        a.put("f", random.nextFloat() * 1000);
        a.put("o", random.nextBoolean() ? null : random.nextLong());
        records.add(record(i, bytes("k"), AvroWire.encode(flatId, a), headers(random)));
        GenericRecord b = new GenericData.Record(nested);
        b.put("raw", ByteBuffer.wrap(new byte[] {1, (byte) i}));
        b.put("price", ByteBuffer.wrap(java.math.BigInteger.valueOf(12345 + i).toByteArray()));
        b.put("day", 19_000 + i);
        b.put("ts", 1_700_000_000_123_456L + i);
        b.put("tags", List.of("a", STRINGS[i % STRINGS.length]));
        records.add(record(100 + i, null, AvroWire.encode(nestedId, b), List.of()));
      }
      records.add(record(200, bytes("k"), new byte[] {0, 0, 0, 0, 99, 1}, List.of()));
      for (boolean schemas : new boolean[] {true, false}) {
        assertSameBytes(
            records,
            schemas,
            "flatten.mode",
            mode,
            "flatten.message.type",
            "avro",
            "flatten.schema.registry.url",
            registry.url(),
            "flatten.errors.tolerance",
            "all");
      }
    }
  }

  /**
   * Flattens each record once and compares the writer's bytes with JsonConverter's; returns how
   * many rows the writer wrote itself.
   */
  private static long assertSameBytes(
      List<RawRecord> records, boolean schemas, String... settings) {
    long fast = 0;
    for (String decimals : new String[] {"BASE64", "NUMERIC"}) {
      Map<String, String> converterConfig =
          Map.of("schemas.enable", Boolean.toString(schemas), "decimal.format", decimals);
      fast += assertSameBytes(records, converterConfig, settings);
    }
    return fast / 2;
  }

  private static long assertSameBytes(
      List<RawRecord> records, Map<String, String> converterConfig, String... settings) {
    FlattenConfig config = Inputs.config(settings);
    Flattener flattener = new Flattener(config);
    FlatRows rows = new FlatRows();
    FlatRowJsonWriter writer = new FlatRowJsonWriter(config, converterConfig);
    JsonConverter values = converter(converterConfig, false);
    JsonConverter keys = converter(converterConfig, true);
    int checked = 0;
    for (RawRecord raw : records) {
      FlatRecord row = flattener.flatten(raw);
      SchemaAndValue typed = rows.toConnect(row);
      byte[] expected = values.fromConnectData(row.topic(), typed.schema(), typed.value());
      byte[] actual = writer.value(row, raw.value());
      assertEquals(
          new String(expected, StandardCharsets.UTF_8),
          new String(actual, StandardCharsets.UTF_8),
          () ->
              "value of " + raw.position() + " with " + List.of(settings) + ", " + converterConfig);
      assertEquals(
          ByteBuffer.wrap(expected), ByteBuffer.wrap(actual), "bytes of " + raw.position());
      byte[] expectedKey =
          keys.fromConnectData(row.topic(), Columns.POSITION_KEY_SCHEMA, Columns.positionKey(row));
      assertEquals(ByteBuffer.wrap(expectedKey), ByteBuffer.wrap(writer.key(row)));
      checked++;
    }
    assertTrue(checked > 0);
    return writer.fastRows();
  }

  private static JsonConverter converter(Map<String, String> config, boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(new HashMap<>(config), isKey);
    return converter;
  }

  private static RawRecord record(long offset, byte[] key, byte[] value, List<Header> headers) {
    boolean noTimestamp = offset % 7 == 3;
    return new RawRecord(
        new RecordPosition(offset % 2 == 0 ? "orders" : "other.topic", (int) (offset % 3), offset),
        noTimestamp ? null : Inputs.TIMESTAMP + offset,
        noTimestamp ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
        key,
        value,
        headers);
  }

  private static Header header(String key, String value) {
    return new RecordHeader(key, value == null ? null : bytes(value));
  }

  private static List<Header> headers(Random random) {
    List<Header> headers = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      String key = random.nextBoolean() ? "dup" : "h" + i;
      switch (random.nextInt(4)) {
        case 0 -> headers.add(header(key, null));
        case 1 -> headers.add(new RecordHeader(key, new byte[] {(byte) 0xc0, 1}));
        default -> headers.add(header(key, STRINGS[random.nextInt(STRINGS.length)]));
      }
    }
    return headers;
  }

  private static byte[] key(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> new byte[] {(byte) 0xfe, 'x'};
      default -> bytes(STRINGS[random.nextInt(STRINGS.length)]);
    };
  }

  private static byte[] jsonValue(Random random) {
    StringBuilder json = new StringBuilder("{");
    int fields = random.nextInt(6);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(quote(NAMES[random.nextInt(NAMES.length)])).append(':');
      switch (random.nextInt(7)) {
        case 0 -> json.append(quote(STRINGS[random.nextInt(STRINGS.length)]));
        case 1 -> json.append(NUMBERS[random.nextInt(NUMBERS.length)]);
        case 2 -> json.append(random.nextBoolean());
        case 3 -> json.append("null");
        case 4 -> json.append("{\"n\": [1, \"x\\u0041\", null] }");
        case 5 -> json.append(random.nextDouble());
        default -> json.append(random.nextLong());
      }
    }
    byte[] bytes = bytes(json.append(random.nextInt(5) == 0 ? " }" : "}").toString());
    assertNotNull(bytes);
    return bytes;
  }

  /** A JSON string literal, escaping some characters as \\uXXXX the way other writers do. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '\u00e9') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
