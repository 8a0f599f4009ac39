package io.spillway.connect.kafkasource.it;

import static io.spillway.connect.kafkasource.it.SourceCluster.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.testkit.AvroWire;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.LogCapture;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outages of what the source task depends on (the schema registry, the source cluster): the task
 * backs off with a few log lines instead of a hot loop, shows it in its metrics, and once the
 * outage ends delivers every record exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceBackoffIT {
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Reading","fields":[{"name":"n","type":"long"}]}""");
  private static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Reading","fields":[{"name":"n","type":"long"},
                {"name":"unit","type":"string","default":"C"}]}""");

  private SourceCluster source;
  private EmbeddedConnect connect;
  private TestSchemaRegistry registry;

  @BeforeAll
  void start() {
    source = new SourceCluster();
    connect = EmbeddedConnect.builder().workers(1).start();
    registry = new TestSchemaRegistry();
  }

  @AfterAll
  void stop() {
    registry.close();
    connect.close();
    source.close();
  }

  private static byte[] reading(int schemaId, Schema schema, long n) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("n", n);
    if (schema.getField("unit") != null) {
      record.put("unit", "K");
    }
    return AvroWire.encode(schemaId, record);
  }

  /** All rows of the topic after a pause, checked to be exactly one per source position. */
  private List<JsonNode> exactlyOnce(String topic, int count) throws InterruptedException {
    Destination.rows(connect, topic, count);
    Thread.sleep(3_000); // a duplicate written late would show now
    List<JsonNode> rows = Destination.rows(connect, topic, count);
    Set<String> positions = new HashSet<>();
    for (JsonNode row : rows) {
      positions.add(row.get("partition").asInt() + "/" + row.get("offset").asLong());
    }
    assertEquals(count, rows.size(), "rows in " + topic);
    assertEquals(count, positions.size(), "distinct source positions in " + topic);
    return rows;
  }

  private static List<LogCapture.Line> spillwayLines(LogCapture log) {
    return log.lines(line -> line.logger().startsWith("io.spillway"));
  }

  private static void report(String what, LogCapture log) {
    System.out.printf(
        "%s: %d log lines at WARN or above, %d from Spillway, %d with a stack trace%n",
        what,
        log.lines().size(),
        spillwayLines(log).size(),
        log.lines(LogCapture.Line::withStackTrace).size());
    log.lines().forEach(line -> System.out.println("  " + line));
  }

  @Test
  void registryOutageBacksOffAndDeliversEveryRecordOnce() throws Exception {
    int v1 = registry.register("readings-value", V1);
    source.createTopic("readings", 2);
    source.sendMany("readings", 2, 0, 50, i -> reading(v1, V1, i));
    connect.configureConnector(
        "readings-source",
        Destination.config(
            "source.bootstrap.servers",
            source.bootstrapServers(),
            "topics",
            "readings",
            "flatten.message.type",
            "avro",
            "flatten.schema.registry.url",
            registry.url(),
            "flatten.schema.registry.timeout.ms",
            "1000"));
    Destination.rows(connect, "readings", 50);

    int v2 = registry.register("readings-value", V2); // not cached by the task yet
    LogCapture log = LogCapture.start();
    try {
      registry.stop();
      source.sendMany("readings", 2, 50, 150, i -> reading(v2, V2, i));
      Await.until(
          Duration.ofSeconds(10),
          "the backoff over JMX",
          () ->
              JmxMetrics.sum("readings-source", "retriable-failures-total") > 0
                  && JmxMetrics.sum("readings-source", "retry-backoff-ms") > 0);
      Thread.sleep(OUTAGE.toMillis());
      assertEquals(
          "RUNNING",
          connect.connectorStatus("readings-source").path("tasks").get(0).path("state").asText());
    } finally {
      registry.start();
      log.close();
    }
    report("registry down for " + OUTAGE.toSeconds() + " s", log);

    List<JsonNode> rows = exactlyOnce("readings", 150);
    for (JsonNode row : rows) {
      long n = row.get("value_n").asLong();
      assertEquals(n < 50 ? null : "K", n < 50 ? null : row.get("value_unit").asText(), "n=" + n);
    }
    // Before: ~500 warnings with stack traces per second. Now: one line per step and task (7
    // steps of 250 ms doubling to 10 s cover 20 s), and a few unrelated lines of the test cluster.
    assertTrue(log.lines().size() <= 60, "at most a few dozen log lines: " + log.lines());
    assertEquals(List.of(), log.lines(LogCapture.Line::withStackTrace));
    List<LogCapture.Line> ours = spillwayLines(log);
    assertTrue(ours.size() >= 4 && ours.size() <= 20, "one line per backoff step: " + ours);
    for (LogCapture.Line line : ours) {
      assertEquals(Level.WARN, line.level(), line.toString());
      assertTrue(!line.withStackTrace(), line.toString());
      assertTrue(
          line.message().contains("unreachable while fetching schema id " + v2), line.message());
      assertTrue(line.message().contains("retrying in"), line.message());
    }
    Await.until(
        Duration.ofSeconds(15),
        "the backoff reset after recovery",
        () -> JmxMetrics.sum("readings-source", "retry-backoff-ms") == 0);
    connect.deleteConnector("readings-source");
  }

  @Test
  void sourceClusterOutageBacksOffAndDeliversEveryRecordOnce() throws Exception {
    source.createTopic("meters", 2);
    source.sendMany("meters", 2, 0, 50, i -> utf8("{\"n\":" + i + "}"));
    connect.configureConnector(
        "meters-source",
        Destination.config(
            "source.bootstrap.servers", source.bootstrapServers(), "topics", "meters"));
    Destination.rows(connect, "meters", 50);
    long failuresBefore = JmxMetrics.sum("meters-source", "retriable-failures-total");

    LogCapture log = LogCapture.start();
    try {
      source.stopBrokers();
      Await.until(
          Duration.ofSeconds(15),
          "the backoff over JMX",
          () ->
              JmxMetrics.sum("meters-source", "retriable-failures-total") > failuresBefore
                  && JmxMetrics.sum("meters-source", "retry-backoff-ms") > 0);
      Thread.sleep(15_000);
    } finally {
      source.restartBrokers();
      log.close();
    }
    report("source cluster down", log);
    source.sendMany("meters", 2, 50, 100, i -> utf8("{\"n\":" + i + "}"));
    exactlyOnce("meters", 100);

    List<LogCapture.Line> ours = spillwayLines(log);
    assertTrue(ours.size() >= 2 && ours.size() <= 30, "one line per backoff step: " + ours);
    for (LogCapture.Line line : ours) {
      assertTrue(!line.withStackTrace(), line.toString());
      assertTrue(line.message().startsWith("Source cluster unreachable"), line.message());
    }
    Await.until(
        Duration.ofSeconds(15),
        "the backoff reset after recovery",
        () -> JmxMetrics.sum("meters-source", "retry-backoff-ms") == 0);
    connect.deleteConnector("meters-source");
  }
}
