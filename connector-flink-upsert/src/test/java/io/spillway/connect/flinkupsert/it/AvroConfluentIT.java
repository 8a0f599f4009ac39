package io.spillway.connect.flinkupsert.it;

import static io.spillway.connect.flinkupsert.it.TargetTopic.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.flinkupsert.it.AvroTarget.Decoded;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.LogCapture;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The connector from its plugin archive writing key and value as {@code avro-confluent}: Connect
 * schemas in (JsonConverter with schemas), the target read back with a plain consumer and decoded
 * with the writer schemas the registry holds, compared with an independent model of the final
 * table. Also what the registry holds, basic auth, a registry outage (retried, nothing lost), a
 * schema the registry refuses and schemaless input (the error policy, never silent).
 */
class AvroConfluentIT extends ConnectorIT {
  private static final Duration LONG_WAIT = Duration.ofSeconds(120);

  private Map<String, String> connector(String topic, String target, TestSchemaRegistry registry) {
    Map<String, String> config = connector(topic, target, "tenant,id");
    config.put("key.format", "avro-confluent");
    config.put("value.format", "avro-confluent");
    config.put("schema.registry.url", registry.url());
    return config;
  }

  private static void deadLetterQueue(Map<String, String> config, String topic) {
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", topic);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
  }

  /** Waits until the decoded target equals the model; returns every record read at that point. */
  private static List<Decoded> awaitFinalState(
      AvroTarget target, Map<List<Object>, Map<String, Object>> model) {
    Map<List<Object>, Map<String, Object>> expected = new HashMap<>(model);
    AtomicReference<List<Decoded>> last = new AtomicReference<>(List.of());
    Await.until(
        LONG_WAIT,
        "the decoded compacted target equals the model",
        () -> {
          last.set(target.readAll());
          return AvroTarget.compacted(last.get()).equals(expected);
        },
        () -> "target " + AvroTarget.compacted(last.get()) + "\nmodel  " + expected);
    return last.get();
  }

  /** The key subject holds one schema: only the key fields, in key order. */
  private static void assertKeySubject(TestSchemaRegistry registry, String target) {
    List<Schema> keys = registry.schemas(target + "-key");
    assertEquals(1, keys.size(), "key schemas: " + keys);
    assertEquals(AvroChanges.KEY, AvroTarget.columns(keys.get(0)));
  }

  private static void assertColumns(List<Decoded> records, List<String> value) {
    for (Decoded record : records) {
      assertEquals(AvroChanges.KEY, record.keyColumns(), "key columns");
      if (record.value() != null) {
        assertEquals(value, record.valueColumns(), "value columns");
      }
    }
  }

  @Test
  void upsertsUpdatesAndDeletesEndAsTheModelTable() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      connect.createTopic("avro-orders", 3);
      AvroChanges changes = new AvroChanges(connect, "avro-orders", false, 11);
      changes.randomChanges(300);
      connect.configureConnector(
          "avro-orders-upsert", connector("avro-orders", "avro-orders-table", registry));
      connect.awaitConnectorRunning("avro-orders-upsert", 2);

      AvroTarget target =
          new AvroTarget(connect.kafka(), "avro-orders-table", registry.url(), null);
      List<Decoded> records = awaitFinalState(target, changes.model());
      assertEquals(
          Set.of("avro-orders-table-key", "avro-orders-table-value"),
          new HashSet<>(registry.subjects()));
      assertKeySubject(registry, "avro-orders-table");
      List<Schema> values = registry.schemas("avro-orders-table-value");
      assertEquals(1, values.size(), "value schemas: " + values);
      assertEquals(AvroChanges.COLUMNS, AvroTarget.columns(values.get(0)));
      assertColumns(records, changes.valueColumns(false));
      AvroTarget.assertMurmur2Partitions(records, 3);
      connect.deleteConnector("avro-orders-upsert");
    }
  }

  @Test
  void exceptKeyWithABasicAuthRegistry() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      registry.requireBasicAuth("flink", "s3cret:with-colon");
      connect.createTopic("avro-payments", 2);
      AvroChanges changes = new AvroChanges(connect, "avro-payments", true, 23);
      changes.randomChanges(200);
      Map<String, String> config = connector("avro-payments", "avro-payments-table", registry);
      config.put("value.fields-include", "EXCEPT_KEY");
      config.put("schema.registry.basic.auth.user.info", "flink:s3cret:with-colon");
      connect.configureConnector("avro-payments-upsert", config);
      connect.awaitConnectorRunning("avro-payments-upsert", 2);

      AvroTarget target =
          new AvroTarget(
              connect.kafka(), "avro-payments-table", registry.url(), "flink:s3cret:with-colon");
      List<Decoded> records = awaitFinalState(target, changes.model());
      assertKeySubject(registry, "avro-payments-table");
      List<Schema> values = registry.schemas("avro-payments-table-value");
      assertEquals(1, values.size(), "value schemas: " + values);
      assertEquals(
          List.of("qty", "name", "amount", "day", "at"), AvroTarget.columns(values.get(0)));
      assertColumns(records, changes.valueColumns(false));
      connect.deleteConnector("avro-payments-upsert");
    }
  }

  /**
   * The registry answers 503 when the task sees its first schemas, then is stopped (connection
   * refused) when a new value schema version arrives: the task retries each time and, once the
   * registry is back, the target holds every change.
   */
  @Test
  void aRegistryOutageIsRetriedAndLosesNothing() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry();
        LogCapture log = LogCapture.start()) {
      connect.createTopic("avro-outage", 2);
      AvroChanges changes = new AvroChanges(connect, "avro-outage", false, 37);
      // Every key once: a record lost while the registry is down would be missing at the end.
      for (int id = 0; id < 20; id++) {
        changes.upsert("t" + id % 3, id, false);
      }
      registry.setDegraded(true);
      registry.resetRequestCount();
      Map<String, String> config = connector("avro-outage", "avro-outage-table", registry);
      connect.configureConnector("avro-outage-upsert", config);
      connect.awaitConnectorRunning("avro-outage-upsert", 2);
      Await.until(
          LONG_WAIT,
          "the tasks retrying against the degraded registry",
          () -> registry.requestCount() >= 6,
          registry::requestCount);
      AvroTarget target =
          new AvroTarget(connect.kafka(), "avro-outage-table", registry.url(), null);
      assertTrue(registry.subjects().isEmpty(), "nothing registered while degraded");
      connect.awaitConnectorRunning("avro-outage-upsert", 2);
      registry.setDegraded(false);
      awaitFinalState(target, changes.model());

      int retriedWhileDegraded = retriableErrors(log, "avro-outage-upsert");
      assertTrue(retriedWhileDegraded > 0, "the worker logged the retriable errors");
      registry.stop();
      for (int i = 0; i < 20; i++) {
        changes.upsert("t" + i % 3, i % 7, true);
      }
      changes.delete("t1", 1);
      Await.until(
          LONG_WAIT,
          "a retriable error of the task while the registry is stopped",
          () -> retriableErrors(log, "avro-outage-upsert") > retriedWhileDegraded);
      registry.start();
      List<Decoded> records = awaitFinalState(target, changes.model());
      connect.awaitConnectorRunning("avro-outage-upsert", 2);
      assertKeySubject(registry, "avro-outage-table");
      assertEquals(2, registry.schemas("avro-outage-table-value").size(), "v1 and v2");
      for (Decoded record : records) {
        if (record.value() != null && record.value().containsKey("note")) {
          assertEquals(changes.valueColumns(true), record.valueColumns());
        }
      }
      connect.deleteConnector("avro-outage-upsert");
    }
  }

  /** How often the worker logged a RetriableException from a task of {@code connector}. */
  private static int retriableErrors(LogCapture log, String connector) {
    return log.lines(
            line ->
                line.message().contains("id=" + connector + "-")
                    && line.message().contains("RetriableException from SinkTask"))
        .size();
  }

  @Test
  void aSchemaTheRegistryRefusesGoesToTheDeadLetterQueue() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      connect.createTopic("avro-refused", 2);
      AvroChanges changes = new AvroChanges(connect, "avro-refused", false, 41);
      changes.randomChanges(50);
      Map<String, String> config = connector("avro-refused", "avro-refused-table", registry);
      deadLetterQueue(config, "avro-refused-dlq");
      connect.configureConnector("avro-refused-upsert", config);
      connect.awaitConnectorRunning("avro-refused-upsert", 2);
      AvroTarget target =
          new AvroTarget(connect.kafka(), "avro-refused-table", registry.url(), null);
      awaitFinalState(target, changes.model());

      registry.rejectNewSchemas("avro-refused-table-value");
      Set<String> refused = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        if (i % 3 == 0) {
          refused.add(changes.produceRefused("t" + i % 3, i % 10));
        } else {
          changes.upsert("t" + i % 3, i % 10, false);
        }
      }
      changes.delete("t2", 5);
      List<ConsumerRecord<byte[], byte[]>> dlq =
          connect.consume("avro-refused-dlq", refused.size(), LONG_WAIT);
      awaitFinalState(target, changes.model());
      Set<String> inDlq = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> record : dlq) {
        inDlq.add(text(record.value()));
        String reason = header(record, "__connect.errors.exception.message");
        assertTrue(
            reason.contains("avro-refused-table-value") && reason.contains("409"),
            "reason: " + reason);
      }
      assertEquals(refused, inDlq, "exactly the refused records in the dead letter queue");
      assertEquals(1, registry.schemas("avro-refused-table-value").size());
      connect.deleteConnector("avro-refused-upsert");
    }
  }

  @Test
  void aSchemaTheRegistryRefusesFailsTheTaskNamingItsPosition() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      connect.createTopic("avro-refused-fail", 1);
      registry.rejectNewSchemas("avro-refused-fail-table-value");
      AvroChanges changes = new AvroChanges(connect, "avro-refused-fail", false, 43);
      changes.delete("t0", 1); // a tombstone needs no value schema: written
      changes.produceRefused("t0", 2);
      Map<String, String> config =
          connector("avro-refused-fail", "avro-refused-fail-table", registry);
      config.put("tasks.max", "1");
      connect.configureConnector("avro-refused-fail-upsert", config);
      String trace = failedTaskTrace("avro-refused-fail-upsert", LONG_WAIT);
      assertTrue(trace.contains("topic 'avro-refused-fail', partition 0, offset 1"), trace);
      assertTrue(trace.contains("avro-refused-fail-table-value (409)"), trace);
      connect.deleteConnector("avro-refused-fail-upsert");
    }
  }

  @Test
  void schemalessInputGoesToTheDeadLetterQueueWithTheReason() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      connect.createTopic("avro-schemaless", 1);
      for (int id = 0; id < 5; id++) {
        connect.produce(
            "avro-schemaless", null, "{\"tenant\":\"t\",\"id\":" + id + ",\"n\":\"a\"}", null);
      }
      Map<String, String> config = schemaless("avro-schemaless", registry);
      deadLetterQueue(config, "avro-schemaless-dlq");
      connect.configureConnector("avro-schemaless-upsert", config);
      List<ConsumerRecord<byte[], byte[]>> dlq =
          connect.consume("avro-schemaless-dlq", 5, LONG_WAIT);
      for (ConsumerRecord<byte[], byte[]> record : dlq) {
        String reason = header(record, "__connect.errors.exception.message");
        assertTrue(reason.contains("avro-confluent needs rows with schemas"), reason);
      }
      assertEquals(5, dlq.size());
      AvroTarget target =
          new AvroTarget(connect.kafka(), "avro-schemaless-table", registry.url(), null);
      assertTrue(target.readAll().isEmpty(), "nothing written");
      assertTrue(registry.subjects().isEmpty(), "nothing registered");
      connect.deleteConnector("avro-schemaless-upsert");
    }
  }

  @Test
  void schemalessInputFailsTheTaskNamingItsPosition() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      connect.createTopic("avro-schemaless-fail", 1);
      connect.produce("avro-schemaless-fail", null, "{\"tenant\":\"t\",\"id\":1}", null);
      connect.configureConnector(
          "avro-schemaless-fail-upsert", schemaless("avro-schemaless-fail", registry));
      String trace = failedTaskTrace("avro-schemaless-fail-upsert", LONG_WAIT);
      assertTrue(trace.contains("topic 'avro-schemaless-fail', partition 0, offset 0"), trace);
      assertTrue(trace.contains("avro-confluent needs rows with schemas"), trace);
      connect.deleteConnector("avro-schemaless-fail-upsert");
    }
  }

  private Map<String, String> schemaless(String topic, TestSchemaRegistry registry) {
    Map<String, String> config = connector(topic, topic + "-table", registry);
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : text(header.value());
  }
}
