package io.spillway.connect.redshift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 on a Connect cluster: one record whose amount is not a number goes to the dead letter
 * queue alone (counted per table over JMX) while the records after it land; the guide's recovery
 * (auto.widen on, replay the dead letter queue with a second connector) then brings it into the
 * table too.
 */
class TypeChangeIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
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

  private static void produce(String json) {
    connect.produce("orders", null, json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> sink(String database, String... settings) {
    Map<String, String> config =
        RedshiftSinkIT.sinkConfig(
            database,
            "value.converter.schemas.enable",
            "false",
            "errors.tolerance",
            "all",
            "errors.deadletterqueue.topic.replication.factor",
            "1",
            "errors.deadletterqueue.context.headers.enable",
            "true");
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    return config;
  }

  @Test
  void aValueOfAnotherTypeGoesToTheDeadLetterQueueAloneAndComesBackWithWidening() throws Exception {
    String database = WAREHOUSE.createDatabase("type_change");
    connect.createTopic("orders", 1);
    connect.configureConnector(
        "orders-sink",
        sink(database, "topics", "orders", "errors.deadletterqueue.topic.name", "orders-dlq"));
    connect.awaitConnectorRunning("orders-sink", 1);
    produce("{\"id\":1,\"amount\":5.5}");
    Await.until(
        TIMEOUT,
        "the first order, making amount a double precision column",
        () -> WAREHOUSE.query(database, "SELECT id FROM orders").size() == 1);

    produce("{\"id\":2,\"amount\":\"not-a-number\"}");
    produce("{\"id\":30,\"amount\":5.5}");
    produce("{\"id\":31,\"amount\":7}");
    produce("{\"id\":32,\"amount\":\"7\"}");
    String amounts = "SELECT id, amount::text FROM orders ORDER BY id";
    Await.until(
        TIMEOUT,
        "every order but the one whose amount is not a number",
        () ->
            List.of(List.of(1L, "5.5"), List.of(30L, "5.5"), List.of(31L, "7"), List.of(32L, "7"))
                .equals(WAREHOUSE.query(database, amounts)));
    List<ConsumerRecord<byte[], byte[]>> dead = connect.consume("orders-dlq", 1, TIMEOUT);
    assertEquals(
        "{\"id\":2,\"amount\":\"not-a-number\"}",
        new String(dead.get(0).value(), StandardCharsets.UTF_8));
    String reason =
        new String(
            dead.get(0).headers().lastHeader("__connect.errors.exception.message").value(),
            StandardCharsets.UTF_8);
    assertTrue(reason.contains("column \"amount\" (double precision)"), reason);
    Await.until(
        TIMEOUT,
        "the refused record counted for its table over JMX",
        () -> JmxMetrics.sum("orders-sink", "table-records-rejected-total") >= 1);
    assertEquals("RUNNING", connect.connectorStatus("orders-sink").at("/tasks/0/state").asText());

    // The guide's recovery: widen, and replay the dead letter queue into the same table.
    connect.configureConnector(
        "orders-replay",
        sink(
            database,
            "topics",
            "orders-dlq",
            "table.name.format",
            "orders",
            "auto.widen",
            "true",
            "errors.deadletterqueue.topic.name",
            "orders-replay-dlq"));
    connect.awaitConnectorRunning("orders-replay", 1);
    Await.until(
        TIMEOUT,
        "every order, the refused one included, amount now text",
        () ->
            List.of(
                    List.of(1L, "5.5"),
                    List.of(2L, "not-a-number"),
                    List.of(30L, "5.5"),
                    List.of(31L, "7"),
                    List.of(32L, "7"))
                .equals(WAREHOUSE.query(database, amounts)));
    assertEquals(
        List.of(List.of("text")),
        WAREHOUSE.query(
            database,
            "SELECT data_type::text FROM information_schema.columns"
                + " WHERE table_name = 'orders' AND column_name = 'amount'"));
    connect.deleteConnector("orders-replay");
    connect.deleteConnector("orders-sink");
  }
}
