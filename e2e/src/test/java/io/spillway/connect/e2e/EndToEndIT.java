package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The quickstart's pipeline on real processes: shop.orders → Kafka source (local-orders example) →
 * topic orders → Redshift sink in its PostgreSQL dialect (postgresql-latest example) → table
 * orders, with both configs taken from config-examples/ as they are.
 */
class EndToEndIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static final Path EXAMPLES = LocalKafka.ROOT.resolve("config-examples");

  private static Map<String, String> environment(LocalKafka kafka, String database) {
    return Map.of(
        "SPILLWAY_SOURCE_BOOTSTRAP", kafka.bootstrap(),
        "POSTGRES_JDBC_URL", WAREHOUSE.jdbcUrl(database),
        "POSTGRES_USER", WAREHOUSE.user(),
        "POSTGRES_PASSWORD", WAREHOUSE.password());
  }

  private static List<List<Object>> table(String database) {
    try {
      return WAREHOUSE.query(
          database, "SELECT key, value_status, value_amount FROM orders ORDER BY key");
    } catch (IllegalStateException e) {
      return List.of(); // not created yet
    }
  }

  private static void awaitFinalTable(String database, OrderStream orders, Duration timeout) {
    List<List<Object>> expected = new ArrayList<>(orders.expected.values());
    Await.value(
        timeout,
        "the final table of " + expected.size() + " orders",
        () -> table(database),
        expected::equals,
        rows -> rows.size() + " rows");
  }

  @Test
  void twoDistributedWorkersOneKilledMidStreamLeaveTheExactTable() throws Exception {
    String database = WAREHOUSE.createDatabase("e2e_distributed");
    try (LocalKafka kafka = LocalKafka.start();
        OrderStream orders = new OrderStream(kafka.bootstrap())) {
      Map<String, String> env = environment(kafka, database);
      Worker first = Worker.distributed(kafka, "worker-1", env);
      Worker second = Worker.distributed(kafka, "worker-2", env);
      orders.send(10_000, 2_000);
      second.create(EXAMPLES.resolve("kafka-source/local-orders.json"));
      second.create(EXAMPLES.resolve("redshift-sink/postgresql-latest.json"));
      Await.until(
          Duration.ofSeconds(120),
          "the first rows in PostgreSQL",
          () -> table(database).size() > 100);

      first.process.destroyForcibly(); // kill -9, mid-stream
      first.process.waitFor(30, TimeUnit.SECONDS);
      orders.send(10_000, 2_000);

      awaitFinalTable(database, orders, Duration.ofSeconds(240));
      assertEquals(
          WAREHOUSE.query(database, "SELECT count(DISTINCT key) FROM orders"),
          WAREHOUSE.query(database, "SELECT count(*) FROM orders"));
      System.out.println("source: " + second.status("local-orders-source"));
      System.out.println("sink: " + second.status("postgresql-latest-sink"));
    }
  }

  @Test
  void aRestartedStandaloneWorkerResumesFromItsOffsetsFile() throws Exception {
    String database = WAREHOUSE.createDatabase("e2e_standalone");
    try (LocalKafka kafka = LocalKafka.start();
        OrderStream orders = new OrderStream(kafka.bootstrap())) {
      Map<String, String> env = environment(kafka, database);
      Path offsets = kafka.dir.resolve("standalone.offsets");
      Path[] connectors = {
        EXAMPLES.resolve("kafka-source/local-orders.properties"),
        EXAMPLES.resolve("redshift-sink/postgresql-latest.properties")
      };
      orders.send(3_000, 500);
      Worker worker = Worker.standalone(kafka, "standalone-1", env, offsets, connectors);
      awaitFinalTable(database, orders, Duration.ofSeconds(120));

      worker.process.destroy(); // SIGTERM: a clean stop writes the offsets file
      worker.process.waitFor(60, TimeUnit.SECONDS);
      orders.send(3_000, 500);
      Worker.standalone(kafka, "standalone-2", env, offsets, connectors);
      awaitFinalTable(database, orders, Duration.ofSeconds(120));

      // It resumed: every source record reached the orders topic exactly once, none re-read.
      assertEquals(orders.sent(), endOffsets(kafka, "orders"));
    }
  }

  private static long endOffsets(LocalKafka kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> request =
          java.util.stream.IntStream.range(0, partitions)
              .boxed()
              .collect(
                  Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
      return admin.listOffsets(request).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }
}
