package io.spillway.connect.tablestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Row;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The connector as users run it: the plugin archive loaded by two Connect workers with plugin
 * isolation, JSON records produced to Kafka, rows read back from the in-JVM Tablestore and
 * compared, bad records read back from Connect's dead letter queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TablestoreSinkIT {
  private static final String CONNECTOR = "io.spillway.connect.tablestore.TablestoreSinkConnector";

  private TablestoreServer server;
  private EmbeddedConnect connect;

  @BeforeAll
  void start() {
    server = TablestoreServer.start();
    connect = EmbeddedConnect.builder().workers(2).modulePluginArchive().start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Map<String, String> connector(String topic) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CONNECTOR);
    config.put("topics", topic);
    config.put("tasks.max", "3");
    config.putAll(server.sinkConnection());
    config.put("auto.create", "true");
    config.put("flush.Interval", "200");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  @Test
  void theArchiveShipsTheShadedSdkAndNothingOfTheWorker() throws IOException {
    Path lib =
        Path.of(
            System.getProperty(EmbeddedConnect.ARCHIVE_DIR_PROPERTY),
            "connector-tablestore-sink",
            "lib");
    try (Stream<Path> jars = Files.list(lib)) {
      List<String> names = jars.map(jar -> jar.getFileName().toString()).sorted().toList();
      assertTrue(
          names.stream()
              .anyMatch(n -> n.startsWith("tablestore-") && n.contains("with-dependencies")),
          names.toString());
      for (String clash : List.of("kafka-clients", "connect-api", "protobuf-java", "slf4j-api")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(clash)), clash + " in " + names);
      }
    }
  }

  @Test
  void everyRecordBecomesItsRowAndBadOnesGoToTheDeadLetterQueue() {
    connect.createTopic("orders", 3);
    Map<String, String> sent = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      String id = String.format("o%03d", i);
      String qty = i % 50 == 7 ? "\"many\"" : Integer.toString(i);
      connect.produce(
          "orders",
          id,
          "{\"id\":\"" + id + "\",\"qty\":" + qty + ",\"note\":\"n" + i + "\"}",
          null);
      if (i % 50 != 7) {
        sent.put(id, "qty=" + i + ",note=n" + i);
      }
    }
    Map<String, String> config = connector("orders");
    config.put("primarykey.mode", "record_value");
    config.put("tablestore.orders.primarykey.name", "id");
    config.put("tablestore.orders.primarykey.type", "string");
    config.put("tablestore.orders.columns.whitelist.name", "qty,note");
    config.put("tablestore.orders.columns.whitelist.type", "integer,string");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "orders-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    connect.configureConnector("orders-tablestore", config);
    connect.awaitConnectorRunning("orders-tablestore", 3);

    Map<String, String> received =
        Await.value(
            Duration.ofSeconds(90),
            sent.size() + " rows in table orders",
            () -> {
              Map<String, String> rows = readRows("orders");
              return rows.size() >= sent.size() ? rows : null;
            });
    assertEquals(sent, received, "every good record, as its row");

    List<ConsumerRecord<byte[], byte[]>> dead =
        connect.consume("orders-dlq", 6, Duration.ofSeconds(60));
    assertEquals(6, dead.size());
    for (ConsumerRecord<byte[], byte[]> record : dead) {
      String value = new String(record.value(), StandardCharsets.UTF_8);
      assertTrue(value.contains("\"many\""), value);
      String reason =
          new String(
              record.headers().lastHeader("__connect.errors.exception.message").value(),
              StandardCharsets.UTF_8);
      assertTrue(reason.contains("whitelist"), reason);
      assertTrue(reason.contains("topic 'orders'"), reason);
    }
    Await.until(
        Duration.ofSeconds(30),
        "task metrics over JMX",
        () ->
            JmxMetrics.sum("orders-tablestore", "rows-written") >= sent.size()
                && JmxMetrics.sum("orders-tablestore", "records-errored") == 6
                && JmxMetrics.sum("orders-tablestore", "rows-in-flight") == 0);
    connect.deleteConnector("orders-tablestore");
  }

  @Test
  void validationNamesTheKeyToFix() {
    Map<String, String> config = connector("events");
    config.put("name", "bad-tablestore");
    config.put("delete.mode", "row");
    config.put("buffer.size", "1000");
    ConnectorValidation validation = connect.validate(CONNECTOR, config);
    assertTrue(validation.mentions("buffer.size"), validation.errors().toString());
    config.put("buffer.size", "1024");
    validation = connect.validate(CONNECTOR, config);
    assertTrue(validation.mentions("delete.mode"), validation.errors().toString());
    assertEquals(1, validation.errorCount(), validation.errors().toString());
  }

  private Map<String, String> readRows(String table) {
    SyncClient client = server.syncClient();
    try {
      Map<String, String> rows = new TreeMap<>();
      for (Row row : TablestoreRows.readAll(client, table)) {
        rows.put(
            row.getPrimaryKey().getPrimaryKeyColumn("id").getValue().asString(),
            "qty="
                + row.getLatestColumn("qty").getValue().asLong()
                + ",note="
                + row.getLatestColumn("note").getValue().asString());
      }
      return rows;
    } catch (RuntimeException e) {
      return Map.of(); // the table is not created yet
    } finally {
      client.shutdown();
    }
  }
}
