package io.spillway.connect.redshift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.LocalPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost and upserts stay exact when the warehouse goes away for a minute, or when one of
 * two workers leaves mid-stream and its tasks replay uncommitted batches elsewhere.
 */
class SinkResilienceIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static EmbeddedConnect connect;

  @BeforeAll
  static void startConnect() {
    connect =
        EmbeddedConnect.builder()
            .workers(2)
            .workerProp("scheduled.rebalance.max.delay.ms", "2000")
            .modulePluginArchive()
            .start();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  private static void produce(Orders orders, Random random, int changes, int keys)
      throws Exception {
    for (int i = 0; i < changes; i++) {
      long id = random.nextInt(keys);
      if (random.nextInt(25) == 0) {
        orders.delete(id);
      } else {
        orders.upsert(id, "s" + random.nextInt(1_000_000), random.nextInt(100_000) / 100.0);
      }
    }
    orders.flush();
  }

  private static void awaitFinalState(String database, Orders orders, Duration timeout) {
    List<List<Object>> expected = new ArrayList<>(orders.expected.values());
    Await.until(
        timeout,
        "the final state of " + expected.size() + " orders in PostgreSQL",
        () ->
            expected.equals(
                WAREHOUSE.query(database, "SELECT id, status, amount FROM orders ORDER BY id")));
  }

  @Test
  void aMinuteWithoutTheDatabaseLosesNothing() throws Exception {
    String database = WAREHOUSE.createDatabase("outage");
    connect.createTopic("orders-outage", 4);
    Random random = new Random(11);
    try (Orders orders = new Orders(connect.kafka(), "orders-outage")) {
      produce(orders, random, 5_000, 1_000);
      connect.configureConnector(
          "outage-sink",
          RedshiftSinkIT.sinkConfig(
              database,
              "topics",
              "orders-outage",
              "table.name.format",
              "orders",
              "tasks.max",
              "2",
              "insert.mode",
              "upsert",
              "pk.mode",
              "record_key",
              "pk.fields",
              "id",
              "delete.enabled",
              "true",
              "retry.backoff.ms",
              "1000"));
      connect.awaitConnectorRunning("outage-sink", 2);
      awaitFinalState(database, orders, Duration.ofSeconds(60));

      WAREHOUSE.stopServer();
      try {
        produce(orders, random, 5_000, 1_000);
        Thread.sleep(60_000);
      } finally {
        WAREHOUSE.startServer();
      }
      awaitFinalState(database, orders, Duration.ofSeconds(120));
      connect.awaitConnectorRunning("outage-sink", 2);
    }
    connect.deleteConnector("outage-sink");
  }

  @Test
  void aWorkerLeavingMidStreamLeavesExactlyOneRowPerKey() throws Exception {
    String database = WAREHOUSE.createDatabase("failover");
    connect.createTopic("orders-failover", 8);
    Random random = new Random(13);
    try (Orders orders = new Orders(connect.kafka(), "orders-failover")) {
      produce(orders, random, 50_000, 10_000);
      connect.configureConnector(
          "failover-sink",
          RedshiftSinkIT.sinkConfig(
              database,
              "topics",
              "orders-failover",
              "table.name.format",
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
              "batch.size",
              "2000"));
      connect.awaitConnectorRunning("failover-sink", 4);
      Await.until(
          Duration.ofSeconds(60),
          "the first rows",
          () ->
              !WAREHOUSE
                      .query(
                          database,
                          "SELECT 1 FROM information_schema.tables WHERE table_name = 'orders'")
                      .isEmpty()
                  && (Long) WAREHOUSE.query(database, "SELECT count(*) FROM orders").get(0).get(0)
                      > 1_000);
      WorkerHandle leaving = connect.cluster().workers().iterator().next();
      connect.cluster().removeWorker(leaving);
      produce(orders, random, 50_000, 10_000);

      awaitFinalState(database, orders, Duration.ofSeconds(180));
      assertEquals(
          WAREHOUSE.query(database, "SELECT count(DISTINCT id) FROM orders"),
          WAREHOUSE.query(database, "SELECT count(*) FROM orders"));
    }
  }
}
