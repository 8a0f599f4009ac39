package io.spillway.connect.kinesis.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000042");

  private static SinkRecord record(Object key, Object value) {
    return new SinkRecord("orders", 2, null, key, null, value, 7L);
  }

  private static String key(String mode, SinkRecord record) {
    return new PartitionKeys(PartitionKeyMode.parse(mode)).of(record, () -> ID);
  }

  @Test
  void recordKeyIsTheKeyAsText() {
    assertEquals("customer-1", key("record_key", record("customer-1", "v")));
    assertEquals("42", key("record_key", record(42L, "v")));
    assertEquals("ü", key("record_key", record("ü".getBytes(StandardCharsets.UTF_8), "v")));
    assertEquals("/w==", key("record_key", record(new byte[] {(byte) 0xFF}, "v")));
    assertEquals("{\"id\":3}", key("record_key", record(Map.of("id", 3), "v")));
  }

  @Test
  void aNullKeyOrMissingFieldFallsBackToTheRecordId() {
    assertEquals(ID.toString(), key("record_key", record(null, "v")));
    assertEquals(ID.toString(), key("field:user", record("k", Map.of("other", 1))));
    assertEquals(ID.toString(), key("field:user", record("k", "not a map")));
    assertEquals(ID.toString(), key("uuid", record("k", "v")));
  }

  @Test
  void emptyAndOverlongKeysBecomeTheirSha256() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        key("record_key", record("", "v")));
    String longKey = "k".repeat(257);
    String hashed = key("record_key", record(longKey, "v"));
    assertEquals(64, hashed.length());
    assertEquals(hashed, key("record_key", record(longKey, "other value")), "stable");
    assertEquals("k".repeat(256), key("record_key", record("k".repeat(256), "v")));
  }

  @Test
  void topicPartitionAndValueFields() {
    assertEquals("orders-2", key("topic_partition", record("k", "v")));
    Schema schema = SchemaBuilder.struct().field("user", Schema.STRING_SCHEMA).build();
    assertEquals("u-9", key("field:user", record("k", new Struct(schema).put("user", "u-9"))));
    assertEquals("5", key("FIELD:user", record("k", Map.of("user", 5))));
  }

  @Test
  void badModesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PartitionKeyMode.parse("field:"));
    assertThrows(IllegalArgumentException.class, () -> PartitionKeyMode.parse("field"));
    assertThrows(IllegalArgumentException.class, () -> PartitionKeyMode.parse("random"));
  }
}
