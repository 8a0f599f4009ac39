package io.spillway.connect.kinesis.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SinkRecord record(Schema schema, Object value) {
    return new SinkRecord(
        "orders", 1, null, "k", schema, value, 10L, 1_700_000_000_123L, TimestampType.CREATE_TIME);
  }

  private static JsonNode airbyte(SinkRecord record) throws Exception {
    RecordEncoder encoder = new RecordEncoder(RecordFormat.AIRBYTE, null);
    return JSON.readTree(encoder.encode(record, () -> RecordEncoder.recordId(record)));
  }

  @Test
  void theAirbyteEnvelopeHasAirbytesThreeFields() throws Exception {
    SinkRecord record = record(null, "{\"id\": 1, \"tags\": [\"a\"]}");
    JsonNode envelope = airbyte(record);
    assertEquals(3, envelope.size());
    assertEquals(
        RecordEncoder.recordId(record).toString(), envelope.get("_airbyte_ab_id").asText());
    assertEquals("{\"id\": 1, \"tags\": [\"a\"]}", envelope.get("_airbyte_data").asText());
    assertEquals(1_700_000_000_123L, envelope.get("_airbyte_emitted_at").asLong());
  }

  @Test
  void structsMapsAndBytesBecomeJsonData() throws Exception {
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("price", Decimal.schema(2))
            .field("at", Timestamp.SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Struct value =
        new Struct(schema)
            .put("id", 5L)
            .put("price", new BigDecimal("12.30"))
            .put("at", new java.util.Date(1000L))
            .put("note", "{\"not\":\"parsed\"}");
    String text = airbyte(record(schema, value)).get("_airbyte_data").asText();
    assertTrue(text.contains("\"price\":12.30"), "decimals exactly, as numbers: " + text);
    JsonNode data = JSON.readTree(text);
    assertEquals(5, data.get("id").asLong());
    assertEquals(1000L, data.get("at").asLong());
    assertEquals(
        "{\"not\":\"parsed\"}", data.get("note").asText(), "a string field stays a string");

    JsonNode map =
        JSON.readTree(
            airbyte(record(null, Map.of("a", List.of(1, 2)))).get("_airbyte_data").asText());
    assertEquals(2, map.get("a").get(1).asInt());
    byte[] json = "{\"b\":true}".getBytes(StandardCharsets.UTF_8);
    assertEquals("{\"b\":true}", airbyte(record(null, json)).get("_airbyte_data").asText());
  }

  @Test
  void theValueFormatKeepsBytesAsTheyAre() {
    RecordEncoder encoder = new RecordEncoder(RecordFormat.VALUE, null);
    byte[] raw = {0, (byte) 0xFF, 7};
    SinkRecord record = record(null, raw);
    assertArrayEquals(raw, encoder.encode(record, UUID::randomUUID));
    assertArrayEquals(new byte[0], encoder.encode(record(null, null), UUID::randomUUID));
    assertEquals(
        "{\"x\":1}",
        new String(
            encoder.encode(record(null, Map.of("x", 1)), UUID::randomUUID),
            StandardCharsets.UTF_8));
  }

  @Test
  void valuesWithoutJsonAreRejected() {
    RecordEncoder encoder = new RecordEncoder(RecordFormat.AIRBYTE, null);
    DataException nan =
        assertThrows(
            DataException.class, () -> encoder.encode(record(null, Double.NaN), UUID::randomUUID));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    assertThrows(
        DataException.class, () -> encoder.encode(record(null, new Object()), UUID::randomUUID));
  }

  @Test
  void theRecordIdIsStablePerKafkaPosition() {
    SinkRecord record = record(null, "v");
    assertEquals(RecordEncoder.recordId(record), RecordEncoder.recordId(record(null, "other")));
    SinkRecord elsewhere = new SinkRecord("orders", 1, null, "k", null, "v", 11L);
    assertTrue(!RecordEncoder.recordId(record).equals(RecordEncoder.recordId(elsewhere)));
  }
}
