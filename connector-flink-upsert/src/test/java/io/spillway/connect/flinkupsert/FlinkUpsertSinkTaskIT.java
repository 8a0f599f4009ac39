package io.spillway.connect.flinkupsert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.TaskHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
