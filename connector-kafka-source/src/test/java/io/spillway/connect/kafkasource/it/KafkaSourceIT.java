package io.spillway.connect.kafkasource.it;

import static io.spillway.connect.kafkasource.it.SourceCluster.header;
import static io.spillway.connect.kafkasource.it.SourceCluster.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.testkit.AvroWire;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kafka source between two real clusters: a source cluster (the user's Kafka) and a Connect
 * cluster whose destination topics are read back and compared row by row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSourceIT {
  private static final Duration TIMEOUT = Destination.TIMEOUT;

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

  private Map<String, String> config(String... keyValues) {
    Map<String, String> config = Destination.config(keyValues);
    config.put("source.bootstrap.servers", source.bootstrapServers());
    return config;
  }

  private List<JsonNode> rows(String topic, int count) {
    return Destination.rows(connect, topic, count);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"typed", "json"})
  void unpackedJsonRowsWithHeaderDedupHashAndBlock(String serialization) throws Exception {
    String topic = "orders-" + serialization;
    source.createTopic(topic, 2);
    source.send(
        topic,
        0,
        "a",
        "{\"id\":1,\"email\":\"a@x.io\",\"password\":\"p\",\"items\":[1,2]}",
        header("h", "1"),
        header("h", "2"),
        header("trace", "t"),
        new RecordHeader("bin", new byte[] {(byte) 0xff}));
    source.send(topic, 0, "b", "{\"id\":2.5,\"email\":null,\"note\":\"new\"}");
    source.send(topic, 1, "c", null);
    connect.configureConnector(
        "orders-source",
        Destination.in(
            serialization,
            config(
                "topics",
                topic,
                "flatten.mode",
                "unpacked",
                "flatten.hash.columns",
                "value_email",
                "flatten.hash.salt",
                "s",
                "flatten.block.columns",
                "value_password")));
    connect.awaitConnectorRunning("orders-source", 2);

    List<JsonNode> rows = rows(topic, 3);
    assertEquals(3, rows.size());
    JsonNode first = rows.get(0);
    assertTrue(first.get("timestamp").asLong() > 0);
    assertEquals(
        Destination.json(
            "{\"partition\":0,\"offset\":0,\"timestamp\":"
                + first.get("timestamp")
                + ",\"timestamp_type\":\"CreateTime\",\"key\":\"a\","
                + "\"headers\":\"{\\\"h_0\\\":\\\"1\\\",\\\"h_1\\\":\\\"2\\\",\\\"trace\\\":\\\"t\\\",\\\"bin\\\":\\\"/w==\\\"}\","
                + "\"value_id\":1,\"value_email\":\""
                + sha256("sa@x.io")
                + "\",\"value_items\":\"[1,2]\","
                + "\"#key\":{\"partition\":0,\"offset\":0}}"),
        first);
    JsonNode second = rows.get(1);
    assertEquals(2.5, second.get("value_id").asDouble());
    // A hashed column is always STRING, so its null is typed and stays in the row.
    assertTrue(second.get("value_email").isNull());
    assertEquals("new", second.get("value_note").asText());
    // A row's schema is its own values' (docs/record-model.md): an absent field adds no column.
    assertTrue(second.path("value_items").isMissingNode());
    JsonNode tombstone = rows.get(2);
    assertEquals(1, tombstone.get("partition").asInt());
    assertEquals("c", tombstone.get("key").asText());
    assertEquals("true", tombstone.get("#spillway.tombstone").asText());
    connect.deleteConnector("orders-source");
  }

  @Test
  void taskMetricsArePublishedOverJmx() throws Exception {
    source.createTopic("metered", 1);
    for (int i = 0; i < 7; i++) {
      source.send("metered", 0, "k", "{\"i\":" + i + "}");
    }
    connect.configureConnector("metered-source", config("topics", "metered"));
    assertEquals(7, rows("metered", 7).size());
    Await.until(
        TIMEOUT,
        "records-polled-total = 7 and records-lag = 0 over JMX",
        () ->
            JmxMetrics.sum("metered-source", "records-polled-total") == 7
                && JmxMetrics.sum("metered-source", "records-lag") == 0);
    connect.deleteConnector("metered-source");
  }

  @Test
  void packedTextWithHerokuPrefixAndDestinationFormat() throws Exception {
    source.createTopic("acme.logs", 1);
    source.send("acme.logs", 0, null, "line one");
    source.send("acme.logs", 0, null, "line two");
    connect.configureConnector(
        "logs-source",
        config(
            "topics",
            "logs",
            "heroku.prefix",
            "acme.",
            "destination.topic.format",
            "raw_${topic}",
            "flatten.message.type",
            "text"));
    List<JsonNode> rows = rows("raw_logs", 2);
    assertEquals("line one", rows.get(0).get("value").asText());
    assertEquals("line two", rows.get(1).get("value").asText());
    assertTrue(rows.get(0).get("key").isNull());
    connect.deleteConnector("logs-source");
  }

  static final Schema PAYMENT =
      new Schema.Parser()
          .parse(
              """
          {"type":"record","name":"Payment","fields":[
            {"name":"id","type":"long"},
            {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
            {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
            {"name":"memo","type":["null","string"],"default":null}]}""");

  static byte[] payment(int schemaId, long id) {
    GenericRecord record = new GenericData.Record(PAYMENT);
    record.put("id", id);
    record.put("amount", ByteBuffer.wrap(new BigDecimal("12.34").unscaledValue().toByteArray()));
    record.put("at", 1_700_000_000_000L + id);
    record.put("memo", id % 2 == 0 ? "even" : null);
    return AvroWire.encode(schemaId, record);
  }

  @Test
  void avroIsUnpackedWithTypes() throws Exception {
    int id = registry.register("payments-value", PAYMENT);
    source.createTopic("payments", 1);
    source.send("payments", 0, utf8("p1"), payment(id, 2));
    connect.configureConnector(
        "payments-source",
        config(
            "topics",
            "payments",
            "flatten.message.type",
            "avro",
            "flatten.schema.registry.url",
            registry.url()));
    JsonNode row = rows("payments", 1).get(0);
    assertEquals(2, row.get("value_id").asLong());
    assertEquals(new BigDecimal("12.34"), row.get("value_amount").decimalValue());
    assertEquals(1_700_000_000_002L, row.get("value_at").asLong());
    assertEquals("even", row.get("value_memo").asText());
    connect.deleteConnector("payments-source");
  }

  @Test
  void registryOutageDelaysButLosesNothing() throws Exception {
    int id = registry.register("refunds-value", PAYMENT);
    source.createTopic("refunds", 1);
    for (int i = 0; i < 20; i++) {
      source.send("refunds", 0, utf8("r" + i), payment(id, i));
    }
    registry.setDegraded(true);
    try {
      connect.configureConnector(
          "refunds-source",
          config(
              "topics",
              "refunds",
              "flatten.message.type",
              "avro",
              "flatten.schema.registry.url",
              registry.url(),
              "flatten.schema.registry.timeout.ms",
              "500"));
      connect.awaitConnectorRunning("refunds-source", 1);
      Thread.sleep(3_000);
      assertEquals(
          "RUNNING",
          connect.connectorStatus("refunds-source").path("tasks").get(0).path("state").asText());
    } finally {
      registry.setDegraded(false);
    }
    List<JsonNode> rows = rows("refunds", 20);
    assertEquals(20, rows.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(i, rows.get(i).get("value_id").asLong(), "row " + i);
    }
    connect.deleteConnector("refunds-source");
  }

  private String awaitFailedTrace(String connector) {
    return Await.value(
        TIMEOUT,
        "a FAILED task of " + connector,
        () -> {
          JsonNode tasks = connect.connectorStatus(connector).path("tasks");
          for (JsonNode task : tasks) {
            if ("FAILED".equals(task.path("state").asText())) {
              return task.path("trace").asText();
            }
          }
          return null;
        },
        trace -> trace != null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"typed", "json"})
  void badJsonFailsTheTaskInEveryMode(String serialization) throws Exception {
    String topic = "bad-json-" + serialization;
    source.createTopic(topic, 1);
    source.send(topic, 0, "k", "{\"ok\":true}");
    source.send(topic, 0, "k", "{\"broken\":");
    connect.configureConnector(topic, Destination.in(serialization, config("topics", topic)));
    String trace = awaitFailedTrace(topic);
    assertTrue(
        trace.contains(
            "Cannot flatten value of record at topic '"
                + topic
                + "', partition 0, offset 1: malformed JSON"),
        trace);
    assertEquals(1, rows(topic, 1).size(), "the good record before it was delivered");
    connect.deleteConnector(topic);
  }

  @Test
  void badInputFailsTheTaskNamingTopicPartitionAndOffset() throws Exception {
    int id = registry.register("bad-avro-value", PAYMENT);
    source.createTopic("bad-avro", 1);
    source.send("bad-avro", 0, utf8("k"), AvroWire.withMagic(payment(id, 1), (byte) 7));
    source.send("bad-avro", 0, utf8("k"), AvroWire.withSchemaId(payment(id, 1), 999));
    connect.configureConnector(
        "bad-avro-source",
        config(
            "topics",
            "bad-avro",
            "flatten.message.type",
            "avro",
            "flatten.schema.registry.url",
            registry.url()));
    String avroTrace = awaitFailedTrace("bad-avro-source");
    assertTrue(
        avroTrace.contains(
            "topic 'bad-avro', partition 0, offset 0: not Confluent Avro:"
                + " magic byte is 0x07, expected 0x00"),
        avroTrace);
    connect.deleteConnector("bad-avro-source");
  }

  @ParameterizedTest
  @ValueSource(strings = {"typed", "json"})
  void badInputUnderToleranceAllBecomesErrorRowsInOrder(String serialization) throws Exception {
    String topic = "mixed-" + serialization;
    int id = registry.register(topic + "-value", PAYMENT);
    source.createTopic(topic, 1);
    source.send(topic, 0, utf8("k0"), payment(id, 0));
    source.send(topic, 0, utf8("k1"), utf8("{not avro"));
    source.send(topic, 0, utf8("k2"), AvroWire.withSchemaId(payment(id, 2), 4242));
    source.send(topic, 0, utf8("k3"), AvroWire.truncate(payment(id, 3), 8));
    source.send(topic, 0, utf8("k4"), payment(id, 4));
    connect.configureConnector(
        topic,
        Destination.in(
            serialization,
            config(
                "topics",
                topic,
                "flatten.message.type",
                "avro",
                "flatten.schema.registry.url",
                registry.url(),
                "flatten.errors.tolerance",
                "all")));
    List<JsonNode> rows = rows(topic, 5);
    assertEquals(5, rows.size(), "nothing skipped");
    assertEquals(0, rows.get(0).get("value_id").asLong());
    assertTrue(
        rows.get(0).path("_error").isMissingNode(), "no _error column before the first error");
    assertEquals("{not avro", rows.get(1).get("value").asText());
    assertTrue(rows.get(1).get("_error").asText().startsWith("value: not Confluent Avro"));
    assertTrue(rows.get(2).get("_error").asText().startsWith("value: unknown schema id 4242"));
    assertTrue(
        rows.get(3).get("_error").asText().startsWith("value: not Confluent Avro")
            || rows.get(3).get("_error").asText().contains("truncated"),
        rows.get(3).toString());
    assertEquals(4, rows.get(4).get("value_id").asLong());
    connect.deleteConnector(topic);
  }

  @Test
  void newTopicsArePickedUpWhileRunning() throws Exception {
    source.createTopic("dyn.one", 1);
    source.send("dyn.one", 0, "k", "{\"n\":1}");
    connect.configureConnector("dyn-source", config("topics.regex", "dyn\\..*"));
    assertEquals(1, rows("dyn.one", 1).size());
    source.createTopic("dyn.two", 2);
    source.send("dyn.two", 1, "k", "{\"n\":2}");
    JsonNode row = rows("dyn.two", 1).get(0);
    assertEquals(1, row.get("partition").asInt());
    connect.deleteConnector("dyn-source");
  }

  /** The offsets API only changes positions of a STOPPED connector. */
  private void stopAndAwait(String connector) {
    connect.cluster().stopConnector(connector);
    Await.until(
        TIMEOUT,
        connector + " stopped",
        () ->
            "STOPPED"
                .equals(
                    connect.connectorStatus(connector).path("connector").path("state").asText()));
  }

  @Test
  void offsetsApiResetsAndResyncsOnePartition() throws Exception {
    source.createTopic("resync", 2);
    for (int i = 0; i < 5; i++) {
      source.send("resync", 0, "k" + i, "{\"i\":" + i + "}");
      source.send("resync", 1, "k" + i, "{\"i\":" + i + "}");
    }
    connect.configureConnector("resync-source", config("topics", "resync"));
    assertEquals(10, rows("resync", 10).size());
    Await.until(
        TIMEOUT,
        "positions committed for both partitions",
        () -> connect.cluster().connectorOffsets("resync-source").offsets().size() == 2);

    stopAndAwait("resync-source");
    connect.cluster().resetConnectorOffsets("resync-source");
    assertTrue(connect.cluster().connectorOffsets("resync-source").offsets().isEmpty());
    connect.cluster().resumeConnector("resync-source");
    assertEquals(20, rows("resync", 20).size(), "a full re-sync reads everything again");

    Await.until(
        TIMEOUT,
        "positions committed again",
        () -> connect.cluster().connectorOffsets("resync-source").offsets().size() == 2);
    stopAndAwait("resync-source");
    Map<String, Object> partition = Map.of("cluster", "source", "topic", "resync", "partition", 1);
    connect.cluster().alterSourceConnectorOffset("resync-source", partition, Map.of("offset", 3));
    connect.cluster().resumeConnector("resync-source");
    List<JsonNode> rows = rows("resync", 22);
    assertEquals(22, rows.size(), "partition 1 re-read from offset 3 only");
    long partitionOneFromThree =
        rows.stream()
            .filter(r -> r.get("partition").asInt() == 1 && r.get("offset").asLong() >= 3)
            .count();
    assertEquals(6, partitionOneFromThree);
    assertNotNull(rows);
    connect.deleteConnector("resync-source");
  }
}
