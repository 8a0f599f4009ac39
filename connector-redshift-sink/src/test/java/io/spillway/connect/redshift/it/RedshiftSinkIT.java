package io.spillway.connect.redshift.it;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink on a Connect cluster, installed from its plugin archive, writing to a real PostgreSQL:
 * several tasks over many partitions into one table, upserts and deletes ending in the exact final
 * state, and bad records in the dead letter queue with their reason.
 */
class RedshiftSinkIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static EmbeddedConnect connect;

  @BeforeAll
  static void startConnect() {
    connect = EmbeddedConnect.builder().modulePluginArchive().start();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  static Map<String, String> sinkConfig(String database, String... settings) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.redshift.RedshiftSinkConnector");
    config.put("connection.url", WAREHOUSE.jdbcUrl(database));
    config.put("connection.user", WAREHOUSE.user());
    config.put("connection.password", WAREHOUSE.password());
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    return config;
  }

  @Test
  void fourTasksUpsertEightPartitionsIntoOneTableAndBadRecordsReachTheDeadLetterQueue()
      throws Exception {
    String database = WAREHOUSE.createDatabase("orders_dlq");
    connect.createTopic("orders", 8);
    Random random = new Random(7);
    try (Orders orders = new Orders(connect.kafka(), "orders")) {
      for (int i = 0; i < 20_000; i++) {
        long id = random.nextInt(2_000);
        if (random.nextInt(20) == 0) {
          orders.delete(id);
        } else {
          orders.upsert(id, "s" + i, i / 100.0);
        }
      }
      orders.flush();
      // A type conflict and a message that is not JSON at all, among the first records: whichever
      // task creates the table, amount is planned from the first record carrying it in that
      // batch (a double: every partition starts with good records), so "a lot" is a misfit.
      orders.raw(
          5_000,
          "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"},{\"field\":\"amount\",\"type\":\"string\"}]},\"payload\":{\"id\":5000,\"amount\":\"a lot\"}}");
      orders.raw(5_001, "not json");
      orders.flush();

      connect.configureConnector(
          "orders-sink",
          sinkConfig(
              database,
              "topics",
              "orders",
              "tasks.max",
              "4",
              "insert.mode",
              "upsert",
              "pk.mode",
              "record_key",
              "pk.fields",
              "id",
              "delete.enabled",
              "true",
              "errors.tolerance",
              "all",
              "errors.deadletterqueue.topic.name",
              "orders-dlq",
              "errors.deadletterqueue.topic.replication.factor",
              "1",
              "errors.deadletterqueue.context.headers.enable",
              "true"));
      connect.awaitConnectorRunning("orders-sink", 4);
      // The DLQ is at-least-once too: a rebalance before an offset commit reports a record again.
      Await.value(
          Duration.ofSeconds(90),
          "the type conflict and the malformed JSON in the dead letter queue",
          () -> reasons(connect.consume("orders-dlq", 2, Duration.ofSeconds(30))),
          reasons ->
              reasons.stream().anyMatch(r -> r.contains("serialization error"))
                  && reasons.stream()
                      .anyMatch(
                          r ->
                              r.contains("column \"amount\" (double precision)")
                                  && r.contains("topic 'orders', partition ")
                                  && !r.contains("errors.tolerance")));

      List<List<Object>> expected = new ArrayList<>(orders.expected.values());
      Await.until(
          Duration.ofSeconds(120),
          "the final state of every order in PostgreSQL",
          () ->
              expected.equals(
                  WAREHOUSE.query(database, "SELECT id, status, amount FROM orders ORDER BY id")));
      // Task metrics over JMX (plugin metrics, one MBean per task, summed here).
      Await.until(
          Duration.ofSeconds(30),
          "rows, deletes, batches, a schema change and a rejected record (in all, per table) in JMX",
          () ->
              JmxMetrics.sum("orders-sink", "rows-written-total") >= expected.size()
                  && JmxMetrics.sum("orders-sink", "rows-deleted-total") > 0
                  && JmxMetrics.sum("orders-sink", "batches-total") > 0
                  && JmxMetrics.sum("orders-sink", "schema-changes-total") >= 1
                  && JmxMetrics.sum("orders-sink", "records-rejected-total") >= 1
                  && JmxMetrics.sum("orders-sink", "table-records-rejected-total") >= 1
                  && JmxMetrics.sum("orders-sink", "batch-latency-max-ms") >= 0);
    }
    connect.deleteConnector("orders-sink");
  }

  private static List<String> reasons(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> reasons = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Header header = record.headers().lastHeader("__connect.errors.exception.message");
      reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return reasons;
  }
}
