package io.spillway.connect.flinkupsert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.avro.ConfluentAvroDecoder;
import io.spillway.connect.common.avro.SchemaRegistryClient;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The task under a fake worker ({@link TaskHarness}) writing to a real broker: what a flush window
 * writes, which offsets it lets Connect commit, and the rewind after the producer gave up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkUpsertSinkTaskIT {
  private EmbeddedConnect kafka;

  @BeforeAll
  void start() {
    // No auto-creation: a send to a deleted target must fail, not recreate it uncompacted.
    kafka = EmbeddedConnect.builder().brokerProp("auto.create.topics.enable", "false").start();
  }

  @AfterAll
  void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private Map<String, String> props(String target) {
    Map<String, String> props = new HashMap<>();
    props.put("target.bootstrap.servers", kafka.kafka());
    props.put("target.topic", target);
    props.put("target.partitions", "2");
    props.put("key.fields", "id");
    props.put("buffer.flush.max-rows", "1000");
    props.put("buffer.flush.interval", "600000");
    return props;
  }

  private static SinkRecord record(String topic, long offset, long id, String name) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", id);
    value.put("name", name);
    return new SinkRecord(topic, 0, null, null, null, value, offset);
  }

  @Test
  void aWindowWritesTheLastChangePerKeyAndCommitsEveryRecordItCovers() {
    TopicPartition tp = new TopicPartition("reduce-in", 0);
    try (TaskHarness<FlinkUpsertSinkTask> harness =
        new TaskHarness<>(new FlinkUpsertSinkTask(), props("reduce-out"))) {
      harness.open(tp);
      List<SinkRecord> records = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        records.add(record("reduce-in", i, i % 10, "v" + i));
      }
      harness.put(records);
      Map<TopicPartition, OffsetAndMetadata> committed = harness.commit();
      assertEquals(Map.of(tp, new OffsetAndMetadata(100)), committed);
    }
    List<ConsumerRecord<byte[], byte[]>> written =
        kafka.consume("reduce-out", 10, Duration.ofSeconds(30));
    assertEquals(10, written.size(), "one record per distinct key");
    Map<String, String> byKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : written) {
      byKey.put(text(r.key()), text(r.value()));
    }
    for (int id = 0; id < 10; id++) {
      assertEquals(
          "{\"id\":" + id + ",\"name\":\"v" + (90 + id) + "\"}", byKey.get("{\"id\":" + id + "}"));
    }
  }

  @Test
  void aSendTheProducerGaveUpOnRewindsToTheCommittedOffset() throws Exception {
    TopicPartition tp = new TopicPartition("rewind-in", 0);
    Map<String, String> props = props("rewind-out");
    props.put("target.producer.delivery.timeout.ms", "3000");
    props.put("target.producer.request.timeout.ms", "1000");
    props.put("target.producer.linger.ms", "0");
    props.put("target.producer.max.block.ms", "1000");
    try (TaskHarness<FlinkUpsertSinkTask> harness =
        new TaskHarness<>(new FlinkUpsertSinkTask(), props)) {
      harness.open(tp);
      // A fresh target's leaders may still be moving: like Connect, redeliver from any rewind.
      List<SinkRecord> first =
          List.of(record("rewind-in", 0, 1, "a"), record("rewind-in", 1, 2, "b"));
      assertEquals(2, deliver(harness, tp, first, 2));
      harness.rewinds.clear();

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.kafka()))) {
        admin.deleteTopics(List.of("rewind-out")).all().get();
      }
      harness.put(List.of(record("rewind-in", 2, 1, "c"), record("rewind-in", 3, 3, "d")));
      Map<TopicPartition, OffsetAndMetadata> committed = harness.commit();
      assertTrue(
          committed.getOrDefault(tp, new OffsetAndMetadata(2)).offset() <= 2,
          "never past an unacknowledged record: " + committed);
      assertEquals(Map.of(tp, 2L), harness.rewinds, "replay from the first unwritten record");

      // The target is back; Connect redelivers from the rewound offset until it is written.
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.kafka()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("rewind-out", 2, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact"))))
            .all()
            .get();
      }
      List<SinkRecord> replay =
          List.of(record("rewind-in", 2, 1, "c"), record("rewind-in", 3, 3, "d"));
      assertEquals(4, deliver(harness, tp, replay, 4), "every replayed record written");
    }
    Map<String, String> byKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        kafka.consume("rewind-out", 2, Duration.ofSeconds(30))) {
      byKey.put(text(r.key()), text(r.value()));
    }
    assertEquals(
        Map.of(
            "{\"id\":1}", "{\"id\":1,\"name\":\"c\"}", "{\"id\":3}", "{\"id\":3,\"name\":\"d\"}"),
        byKey);
  }

  /**
   * A registry that answers 503 while a batch is put: the task throws a retriable error and asks
   * for a redelivery after a pause; a record of the batch already reported to the error policy
   * settles, and the redelivered record that hit the outage is written (not skipped as sent).
   */
  @Test
  void aRetriableRegistryErrorTakesTheRecordAgainAndSettlesTheReportedOnes() {
    TopicPartition tp = new TopicPartition("registry-in", 0);
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .build();
    SinkRecord typed =
        new SinkRecord(
            "registry-in",
            0,
            null,
            null,
            schema,
            new Struct(schema).put("id", 2L).put("name", "b"),
            1);
    List<SinkRecord> batch = List.of(record("registry-in", 0, 1, "schemaless"), typed);
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      Map<String, String> props = props("registry-out");
      props.put("key.format", "avro-confluent");
      props.put("value.format", "avro-confluent");
      props.put("schema.registry.url", registry.url());
      props.put("errors.tolerance", "all");
      try (TaskHarness<FlinkUpsertSinkTask> harness =
          new TaskHarness<>(new FlinkUpsertSinkTask(), props)) {
        harness.open(tp);
        registry.setDegraded(true);
        assertThrows(RetriableException.class, () -> harness.put(batch));
        assertEquals(List.of(0L), reportedOffsets(harness), "the schemaless record reported");
        assertEquals(List.of(1_000L), harness.timeouts, "redelivery asked for after a pause");
        registry.setDegraded(false);
        harness.put(batch); // the worker redelivers the batch
        assertEquals(Map.of(tp, new OffsetAndMetadata(2)), harness.commit());
        assertEquals(List.of(0L), reportedOffsets(harness), "reported once");
      }
      ConsumerRecord<byte[], byte[]> written =
          kafka.consume("registry-out", 1, Duration.ofSeconds(30)).get(0);
      ConfluentAvroDecoder decoder =
          new ConfluentAvroDecoder(
              new SchemaRegistryClient(List.of(registry.url()), null, Duration.ofSeconds(10)));
      GenericRecord value = (GenericRecord) decoder.decode(written.value()).value();
      assertEquals(2L, value.get("id"));
      assertEquals("b", value.get("name").toString());
    }
  }

  private static List<Long> reportedOffsets(TaskHarness<FlinkUpsertSinkTask> harness) {
    return harness.reported.stream().map(r -> r.record().kafkaOffset()).toList();
  }

  /**
   * Puts the records from the last rewind (as the worker redelivers them) until the task commits
   * {@code end}; returns the last committed or rewound position.
   */
  private static long deliver(
      TaskHarness<FlinkUpsertSinkTask> harness,
      TopicPartition tp,
      List<SinkRecord> records,
      long end) {
    long position = records.get(0).kafkaOffset();
    for (int attempt = 0; attempt < 10 && position < end; attempt++) {
      harness.rewinds.clear();
      long from = position;
      harness.put(records.stream().filter(r -> r.kafkaOffset() >= from).toList());
      Map<TopicPartition, OffsetAndMetadata> committed = harness.commit();
      Long rewound = harness.rewinds.get(tp);
      if (rewound != null) {
        position = rewound;
      } else if (committed.containsKey(tp)) {
        position = committed.get(tp).offset();
      }
    }
    return position;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
