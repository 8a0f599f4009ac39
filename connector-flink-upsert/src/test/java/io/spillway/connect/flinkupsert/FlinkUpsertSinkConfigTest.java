package io.spillway.connect.flinkupsert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.flinkupsert.format.JsonRowSerializer;
import io.spillway.connect.flinkupsert.format.RawKeySerializer;
import io.spillway.connect.flinkupsert.format.RowSerializers;
import io.spillway.connect.flinkupsert.format.TimestampStandard;
import io.spillway.connect.flinkupsert.format.avro.AvroConfluentRowSerializer;
import io.spillway.connect.flinkupsert.write.FieldsInclude;
import io.spillway.connect.flinkupsert.write.Mode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkUpsertSinkConfigTest {
  private static Map<String, String> base() {
    Map<String, String> props = new HashMap<>();
    props.put("target.bootstrap.servers", "localhost:9092");
    props.put("key.fields", "tenant, id");
    return props;
  }

  private static List<String> errorKeys(Map<String, String> props) {
    return FlinkUpsertSinkConfig.forValidation(props).crossFieldErrors().stream()
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void defaultsAreFlinksOptions() {
    FlinkUpsertSinkConfig config = new FlinkUpsertSinkConfig(base());
    assertEquals(Mode.UPSERT, config.mode());
    assertEquals(List.of("tenant", "id"), config.keyFields());
    assertEquals("json", config.keyFormat());
    assertEquals("json", config.valueFormat());
    assertEquals(FieldsInclude.ALL, config.valueFieldsInclude());
    assertEquals(TimestampStandard.SQL, config.timestampStandard());
    assertEquals(10_000, config.bufferMaxRows());
    assertEquals(1_000, config.bufferInterval().toMillis());
    assertEquals(-1, config.targetPartitions());
  }

  @Test
  void flinkSpellingsAreAccepted() {
    Map<String, String> props = base();
    props.put("value.fields-include", "EXCEPT_KEY");
    props.put("json.timestamp-format.standard", "ISO-8601");
    props.put("mode", "standard");
    FlinkUpsertSinkConfig config = new FlinkUpsertSinkConfig(props);
    assertEquals(FieldsInclude.EXCEPT_KEY, config.valueFieldsInclude());
    assertEquals(TimestampStandard.ISO_8601, config.timestampStandard());
    assertEquals(Mode.STANDARD, config.mode());
  }

  @Test
  void weakenedProducerGuaranteesAreRefused() {
    Map<String, String> props = base();
    props.put("target.producer.acks", "1");
    props.put("target.producer.enable.idempotence", "false");
    assertEquals(
        List.of("target.producer.acks", "target.producer.enable.idempotence"), errorKeys(props));
  }

  @Test
  void crossFieldRules() {
    Map<String, String> merge = base();
    merge.put("combine", "merge");
    assertEquals(List.of("target.topic"), errorKeys(merge), "merge writes one target");
    merge.put("target.topic", "merged");
    assertEquals(List.of(), errorKeys(merge));
    Map<String, String> raw = base();
    raw.put("key.format", "raw");
    assertEquals(List.of("key.format"), errorKeys(raw));
    Map<String, String> noCluster = base();
    noCluster.remove("target.bootstrap.servers");
    assertEquals(List.of("target.bootstrap.servers"), errorKeys(noCluster));
  }

  @Test
  void serializerFactory() {
    FlinkUpsertSinkConfig config = new FlinkUpsertSinkConfig(base());
    assertEquals(JsonRowSerializer.class, RowSerializers.create("json", true, config).getClass());
    assertEquals(RawKeySerializer.class, RowSerializers.create("raw", true, config).getClass());
    Map<String, String> avroProps = base();
    avroProps.put("value.format", "avro-confluent");
    assertEquals(List.of("schema.registry.url"), errorKeys(avroProps));
    avroProps.put("schema.registry.url", "http://127.0.0.1:8081");
    assertEquals(List.of(), errorKeys(avroProps));
    FlinkUpsertSinkConfig avro = new FlinkUpsertSinkConfig(avroProps);
    assertEquals(
        AvroConfluentRowSerializer.class,
        RowSerializers.create("avro-confluent", false, avro).getClass());
  }
}
