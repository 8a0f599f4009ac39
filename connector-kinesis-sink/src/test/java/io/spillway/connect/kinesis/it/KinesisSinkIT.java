package io.spillway.connect.kinesis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import io.spillway.connect.testkit.KinesisStreams.StreamRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The connector as users run it: the plugin archive (KPL without its Kafka, Avro, Kotlin and Scala
 * baggage) loaded by a Connect worker with plugin isolation, records produced to Kafka, read back
 * from kinesalite and compared; the task's metrics read over JMX.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KinesisSinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Kinesalite kinesalite;
  private KinesisStreams streams;
  private EmbeddedConnect connect;

  @BeforeAll
  void start() {
    kinesalite = Kinesalite.launch();
    streams = kinesalite.streams();
    connect = EmbeddedConnect.builder().modulePluginArchive().start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
    streams.close();
    kinesalite.close();
  }

  private Map<String, String> connector(String topic, String stream) {
    Map<String, String> config = kinesalite.sinkConnection();
    config.put("connector.class", "io.spillway.connect.kinesis.KinesisSinkConnector");
    config.put("topics", topic);
    config.put("tasks.max", "2");
    config.put("stream.name.format", stream);
    config.put("stream.shard.count", "2");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("kpl.RecordMaxBufferedTime", "50");
    return config;
  }

  @Test
  void theArchiveLeavesOutWhatClashesWithTheWorker() throws IOException {
    Path lib =
        Path.of(
            System.getProperty(EmbeddedConnect.ARCHIVE_DIR_PROPERTY),
            "connector-kinesis-sink",
            "lib");
    try (Stream<Path> jars = Files.list(lib)) {
      List<String> names = jars.map(jar -> jar.getFileName().toString()).sorted().toList();
      assertTrue(
          names.stream().anyMatch(n -> n.startsWith("amazon-kinesis-producer-")), names.toString());
      for (String clash :
          List.of("kafka-clients", "kotlin", "scala", "wire-", "okio", "connect-api", "netty")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(clash)), clash + " in " + names);
      }
    }
  }

  @Test
  void everyRecordReachesTheStreamInTheAirbyteEnvelope() throws Exception {
    connect.createTopic("orders", 3);
    Map<String, String> sent = new LinkedHashMap<>();
    for (int i = 0; i < 600; i++) {
      String value = "{\"order\":" + i + ",\"amount\":" + (i * 3 % 97) + "}";
      connect.produce("orders", "customer-" + i % 40, value, null);
      sent.put(Integer.toString(i), value);
    }
    connect.configureConnector("orders-kinesis", connector("orders", "orders-stream"));
    connect.awaitConnectorRunning("orders-kinesis", 2);

    List<StreamRecord> read =
        streams.awaitRecords("orders-stream", sent.size(), Duration.ofSeconds(90));
    assertEquals(2, streams.openShardCount("orders-stream"));
    Map<String, String> received = new HashMap<>();
    for (StreamRecord record : read) {
      JsonNode envelope = JSON.readTree(record.data());
      String data = envelope.get("_airbyte_data").asText();
      received.put(JSON.readTree(data).get("order").asText(), data);
      assertTrue(record.partitionKey().startsWith("customer-"), record.partitionKey());
      assertTrue(envelope.get("_airbyte_emitted_at").asLong() > 0);
    }
    assertEquals(sent, received, "every record, its data unchanged");

    Await.until(
        Duration.ofSeconds(30),
        "task metrics over JMX",
        () ->
            JmxMetrics.sum("orders-kinesis", "records-put-total") >= sent.size()
                && JmxMetrics.sum("orders-kinesis", "bytes-put-total") > 0
                && JmxMetrics.sum("orders-kinesis", "put-latency-max-ms") >= 0
                && JmxMetrics.sum("orders-kinesis", "records-outstanding") == 0
                && JmxMetrics.sum("orders-kinesis", "retries-total") == 0);
    connect.deleteConnector("orders-kinesis");
  }

  @Test
  void flatRowsCarryTheRecordModelColumns() throws Exception {
    connect.createTopic("events", 1);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("source", "web");
    connect.produce("events", "user-1", "{\"clicked\":\"buy\"}", headers);
    Map<String, String> config = connector("events", "events-stream");
    config.put("record.format", "flat");
    config.put("flatten.mode", "packed");
    connect.configureConnector("events-kinesis", config);
    connect.awaitConnectorRunning("events-kinesis", 2);

    List<StreamRecord> read = streams.awaitRecords("events-stream", 1, Duration.ofSeconds(90));
    assertEquals(1, read.size());
    JsonNode row = JSON.readTree(read.get(0).data());
    assertEquals(0, row.get("partition").asInt());
    assertEquals(0L, row.get("offset").asLong());
    assertTrue(row.get("timestamp").asLong() > 0, row.toString());
    assertEquals("CreateTime", row.get("timestamp_type").asText());
    assertEquals("user-1", row.get("key").asText());
    assertEquals("web", JSON.readTree(row.get("headers").asText()).get("source").asText());
    assertEquals("{\"clicked\":\"buy\"}", row.get("value").asText());
    connect.deleteConnector("events-kinesis");
  }
}
