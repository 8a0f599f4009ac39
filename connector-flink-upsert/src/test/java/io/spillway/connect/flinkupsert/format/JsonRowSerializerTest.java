package io.spillway.connect.flinkupsert.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class JsonRowSerializerTest {
  private static final JsonRowSerializer SQL = new JsonRowSerializer(TimestampStandard.SQL);
  private static final JsonRowSerializer ISO = new JsonRowSerializer(TimestampStandard.ISO_8601);

  // 2024-01-02T03:04:05.678Z
  private static final long MILLIS = 1704164645678L;

  private static String json(JsonRowSerializer serializer, Struct row) {
    return new String(serializer.serialize("t", row.schema(), row), StandardCharsets.UTF_8);
  }

  private static String json(Map<String, Object> row) {
    return new String(SQL.serialize("t", null, row), StandardCharsets.UTF_8);
  }

  @Test
  void primitivesInColumnOrder() {
    Schema schema =
        SchemaBuilder.struct()
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.INT64_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("b", Schema.BOOLEAN_SCHEMA)
            .field("s", Schema.STRING_SCHEMA)
            .field("bytes", Schema.BYTES_SCHEMA)
            .build();
    Struct row =
        new Struct(schema)
            .put("i8", (byte) -1)
            .put("i16", (short) 300)
            .put("i32", 70000)
            .put("i64", 9007199254740993L)
            .put("f32", 1.5f)
            .put("f64", 0.1)
            .put("b", true)
            .put("s", "a \"q\" é\n")
            .put("bytes", new byte[] {0, 1, (byte) 0xff});
    assertEquals(
        "{\"i8\":-1,\"i16\":300,\"i32\":70000,\"i64\":9007199254740993,\"f32\":1.5,\"f64\":0.1,"
            + "\"b\":true,\"s\":\"a \\\"q\\\" é\\n\",\"bytes\":\"AAH/\"}",
        json(SQL, row));
  }

  @Test
  void nullsAreWrittenAsNull() {
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("at", Timestamp.builder().optional().build())
            .build();
    assertEquals(
        "{\"id\":1,\"name\":null,\"at\":null}", json(SQL, new Struct(schema).put("id", 1)));
  }

  @Test
  void logicalTypesAsFlinkWritesThem() {
    Schema schema =
        SchemaBuilder.struct()
            .field("ts", Timestamp.SCHEMA)
            .field("ts0", Timestamp.SCHEMA)
            .field("ts5", Timestamp.SCHEMA)
            .field("d", Date.SCHEMA)
            .field("t", Time.SCHEMA)
            .field("t0", Time.SCHEMA)
            .field("dec", Decimal.schema(2))
            .build();
    Struct row =
        new Struct(schema)
            .put("ts", new java.util.Date(MILLIS))
            .put("ts0", new java.util.Date(MILLIS - 678))
            .put("ts5", new java.util.Date(MILLIS - 178))
            .put("d", new java.util.Date(1704153600000L))
            .put("t", new java.util.Date(11045678L))
            .put("t0", new java.util.Date(11045000L))
            .put("dec", new BigDecimal("12345.60"));
    assertEquals(
        "{\"ts\":\"2024-01-02 03:04:05.678\",\"ts0\":\"2024-01-02 03:04:05\","
            + "\"ts5\":\"2024-01-02 03:04:05.5\",\"d\":\"2024-01-02\",\"t\":\"03:04:05.678\","
            + "\"t0\":\"03:04:05\",\"dec\":12345.6}",
        json(SQL, row));
    assertEquals(
        "{\"ts\":\"2024-01-02T03:04:05.678\",\"ts0\":\"2024-01-02T03:04:05\","
            + "\"ts5\":\"2024-01-02T03:04:05.5\",\"d\":\"2024-01-02\",\"t\":\"03:04:05.678\","
            + "\"t0\":\"03:04:05\",\"dec\":12345.6}",
        json(ISO, row));
  }

  @Test
  void nestedStructArrayAndMap() {
    Schema address =
        SchemaBuilder.struct()
            .field("city", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Schema schema =
        SchemaBuilder.struct()
            .field("address", address)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .field("byId", SchemaBuilder.map(Schema.INT64_SCHEMA, address).build())
            .build();
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("b", 2);
    scores.put("a", 1);
    Struct row =
        new Struct(schema)
            .put("address", new Struct(address).put("city", "Oslo"))
            .put("tags", List.of("x", "y"))
            .put("scores", scores)
            .put("byId", Map.of(7L, new Struct(address).put("city", "Bergen").put("zip", "5003")));
    assertEquals(
        "{\"address\":{\"city\":\"Oslo\",\"zip\":null},\"tags\":[\"x\",\"y\"],"
            + "\"scores\":{\"b\":2,\"a\":1},\"byId\":{\"7\":{\"city\":\"Bergen\",\"zip\":\"5003\"}}}",
        json(SQL, row));
  }

  @Test
  void schemalessMapsAsTheyAre() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("k", List.of(1L, 2.5, "s", true));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("z", 1L);
    row.put("a", null);
    row.put("n", nested);
    row.put("at", new java.util.Date(MILLIS));
    row.put("big", new BigDecimal("1.10"));
    row.put("i", 3);
    assertEquals(
        "{\"z\":1,\"a\":null,\"n\":{\"k\":[1,2.5,\"s\",true]},"
            + "\"at\":\"2024-01-02 03:04:05.678\",\"big\":1.1,\"i\":3}",
        json(row));
  }

  @Test
  void decimalsAsFlinkWritesThemOrPlain() {
    Schema schema =
        SchemaBuilder.struct()
            .field("a", Decimal.schema(2))
            .field("b", Decimal.schema(0))
            .field("c", Decimal.schema(3))
            .field("d", Decimal.schema(2))
            .build();
    Struct row =
        new Struct(schema)
            .put("a", new BigDecimal("7312.00"))
            .put("b", new BigDecimal("1000"))
            .put("c", new BigDecimal("0.000"))
            .put("d", new BigDecimal("-0.10"));
    assertEquals("{\"a\":7312,\"b\":1E+3,\"c\":0,\"d\":-0.1}", json(SQL, row));
    JsonRowSerializer plain = new JsonRowSerializer(TimestampStandard.SQL, true);
    assertEquals(
        "{\"a\":7312.00,\"b\":1000,\"c\":0.000,\"d\":-0.10}",
        new String(plain.serialize("t", schema, row), StandardCharsets.UTF_8));
  }

  @Test
  void rawKeyIsTheFieldsTextOrBytes() {
    RawKeySerializer raw = new RawKeySerializer();
    Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    assertEquals(
        "42",
        new String(
            raw.serialize("t", schema, new Struct(schema).put("id", 42L)), StandardCharsets.UTF_8));
    assertEquals(
        "k-1", new String(raw.serialize("t", Schema.STRING_SCHEMA, "k-1"), StandardCharsets.UTF_8));
    assertEquals(2, raw.serialize("t", Schema.BYTES_SCHEMA, new byte[] {9, 8}).length);
  }
}
