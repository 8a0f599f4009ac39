package io.spillway.connect.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlattenTest {
  private static final Schema ADDRESS =
      SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("order")
          .field("id", Schema.INT32_SCHEMA)
          .field("price", Decimal.schema(2))
          .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
          .field("at", Time.SCHEMA)
          .field("ts", Timestamp.SCHEMA)
          .field("address", ADDRESS)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private final Flatten<SinkRecord> flatten = new Flatten<>();

  @AfterEach
  void close() {
    flatten.close();
  }

  private void configure(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    flatten.configure(props);
  }

  private static SinkRecord record(Schema valueSchema, Object value, long offset) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("trace", "t1").addString("trace", "t2").addInt("n", 7);
    return new SinkRecord(
        "orders",
        1,
        Schema.STRING_SCHEMA,
        "order-" + offset,
        valueSchema,
        value,
        offset,
        1000L,
        TimestampType.CREATE_TIME,
        headers);
  }

  private static Struct order() {
    return new Struct(ORDER)
        .put("id", 7)
        .put("price", new BigDecimal("12.50"))
        .put("day", new Date(19_000L * 86_400_000L))
        .put("at", new Date(3_600_000L))
        .put("ts", new Date(1_700_000_000_000L))
        .put("address", new Struct(ADDRESS).put("city", "Oslo"))
        .put("tags", List.of("a", "b"));
  }

  @Test
  void structValueIsUnpackedWithItsTypesAndThePositionKey() {
    configure();
    SinkRecord out = flatten.apply(record(ORDER, order(), 42));
    Struct row = (Struct) out.value();
    assertEquals(1, row.get("partition"));
    assertEquals(42L, row.get("offset"));
    assertEquals(new Date(1000L), row.get("timestamp"));
    assertEquals("CreateTime", row.get("timestamp_type"));
    assertEquals("order-42", row.get("key"));
    assertEquals("{\"trace_0\":\"t1\",\"trace_1\":\"t2\",\"n\":\"7\"}", row.get("headers"));
    assertEquals(7, row.get("value_id"));
    assertEquals(new BigDecimal("12.50"), row.get("value_price"));
    assertEquals(Decimal.LOGICAL_NAME, row.schema().field("value_price").schema().name());
    assertEquals(new Date(19_000L * 86_400_000L), row.get("value_day"));
    assertEquals(Timestamp.LOGICAL_NAME, row.schema().field("value_ts").schema().name());
    assertEquals("{\"city\":\"Oslo\"}", row.get("value_address"));
    assertEquals("[\"a\",\"b\"]", row.get("value_tags"));
    assertNull(row.get("value_note"));

    Struct key = (Struct) out.key();
    assertEquals(1, key.get("partition"));
    assertEquals(42L, key.get("offset"));
    assertEquals(42L, out.kafkaOffset());
    assertSame(out.valueSchema(), flatten.apply(record(ORDER, order(), 43)).valueSchema());
  }

  @Test
  void jsonRowsDependOnlyOnTheRecordSoARestartChangesNothingAndNumbersStayExact() {
    List<String> stream =
        List.of(
            "{\"amount\":5.5}",
            "{\"amount\":\"not-a-number\"}",
            "{\"amount\":7}",
            "{\"amount\":12345678901234567.89}",
            "{\"amount\":1e400}",
            "{\"amount\":-0.0}");
    configure("flatten.mode", "unpacked");
    List<SinkRecord> before = new java.util.ArrayList<>();
    for (int i = 0; i < stream.size(); i++) {
      before.add(flatten.apply(record(Schema.STRING_SCHEMA, stream.get(i), i)));
    }
    assertEquals(
        Schema.Type.INT64, before.get(2).valueSchema().field("value_amount").schema().type());
    assertEquals(7L, ((Struct) before.get(2).value()).get("value_amount"));
    assertEquals(
        new BigDecimal("12345678901234567.89"),
        ((Struct) before.get(3).value()).get("value_amount"));
    assertEquals(
        0,
        new BigDecimal("1e400")
            .compareTo((BigDecimal) ((Struct) before.get(4).value()).get("value_amount")));
    assertEquals(-0.0, ((Struct) before.get(5).value()).get("value_amount"));

    Flatten<SinkRecord> restarted = new Flatten<>();
    restarted.configure(Map.of("flatten.mode", "unpacked"));
    for (int i = 2; i < stream.size(); i++) {
      SinkRecord again = restarted.apply(record(Schema.STRING_SCHEMA, stream.get(i), i));
      assertEquals(before.get(i).valueSchema(), again.valueSchema());
      assertEquals(before.get(i).value(), again.value());
    }
    restarted.close();
  }

  @Test
  void packedStructIsJsonText() {
    configure("flatten.mode", "packed");
    Struct row = (Struct) flatten.apply(record(ORDER, order(), 1)).value();
    String json = (String) row.get("value");
    assertTrue(json.startsWith("{\"id\":7,\"price\":12.50,\"day\":\"2022-01-08\""), json);
    assertTrue(json.contains("\"ts\":\"2023-11-14T22:13:20Z\""), json);
  }

  @Test
  void originalKeyCanBeKept() {
    configure("flatten.output.key", "original");
    SinkRecord out = flatten.apply(record(ORDER, order(), 5));
    assertEquals("order-5", out.key());
    assertSame(Schema.STRING_SCHEMA, out.keySchema());
  }

  @Test
  void tombstoneStaysARowMarkedByAHeader() {
    configure();
    SinkRecord out = flatten.apply(record(null, null, 9));
    assertTrue(Flatten.isTombstone(out));
    Struct row = (Struct) out.value();
    assertEquals(9L, row.get("offset"));
    assertNull(row.get("value"));
    assertFalse(Flatten.isTombstone(flatten.apply(record(ORDER, order(), 10))));
  }

  @Test
  void schemalessMapIsTypedLikeJson() {
    configure("flatten.mode", "unpacked");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", 3L);
    value.put("f", 1.5);
    value.put("nested", Map.of("x", 1));
    Struct row = (Struct) flatten.apply(record(null, value, 1)).value();
    assertEquals(3L, row.get("value_n"));
    assertEquals(1.5, row.get("value_f"));
    assertEquals("{\"x\":1}", row.get("value_nested"));
  }

  @Test
  void rawJsonBytesAndStringsAreDecoded() {
    configure("flatten.mode", "unpacked");
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertEquals(1L, ((Struct) flatten.apply(record(null, json, 1)).value()).get("value_a"));
    assertEquals(2L, ((Struct) flatten.apply(record(null, "{\"a\":2}", 2)).value()).get("value_a"));
  }

  @Test
  void badInputFailsWithCoordinatesOfTheOriginalRecord() {
    configure("flatten.mode", "unpacked");
    SinkRecord renamed =
        new SinkRecord(
            "renamed",
            0,
            null,
            null,
            null,
            "{oops",
            11L,
            1L,
            TimestampType.CREATE_TIME,
            new ConnectHeaders(),
            "orders",
            3,
            77L);
    DataException e = assertThrows(DataException.class, () -> flatten.apply(renamed));
    assertTrue(
        e.getMessage()
            .startsWith("Cannot flatten value of record at topic 'orders', partition 3, offset 77"),
        e.getMessage());
  }

  @Test
  void badInputUnderToleranceAllKeepsAnErrorRow() {
    configure("flatten.mode", "unpacked", "flatten.errors.tolerance", "all");
    Struct row = (Struct) flatten.apply(record(null, "{oops", 4)).value();
    assertEquals("{oops", row.get("value"));
    assertTrue(((String) row.get("_error")).startsWith("value: malformed JSON"));
  }

  @Test
  void sourceRecordsAreRefused() {
    configure();
    Flatten<SourceRecord> onSource = new Flatten<>();
    onSource.configure(Map.of());
    SourceRecord source = new SourceRecord(Map.of(), Map.of(), "t", 0, null, "v");
    DataException e = assertThrows(DataException.class, () -> onSource.apply(source));
    assertTrue(e.getMessage().contains("sink connector"), e.getMessage());
  }
}
