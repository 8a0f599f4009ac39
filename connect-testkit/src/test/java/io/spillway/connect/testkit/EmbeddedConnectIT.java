package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Self-test of the kit: one broker + one worker shared by all tests of this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedConnectIT {

  private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private EmbeddedConnect connect;

  @BeforeAll
  void startCluster() {
    long start = System.nanoTime();
    connect = EmbeddedConnect.builder().workers(1).start();
    System.out.printf(
        "EmbeddedConnect started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  void stopCluster() {
    if (connect != null) {
      connect.close();
    }
    RecordingSink.clearAll();
  }

  @Test
  void recordingSinkCapturesExactRecords() {
    connect.createTopic("orders", 1);
    for (int i = 0; i < 3; i++) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("trace", "t" + i);
      headers.put("source", "it");
      connect.produce("orders", "k" + i, "v" + i, headers);
    }

    connect.configureConnector("recorder", sinkConfig("recorder"));
    connect.awaitConnectorRunning("recorder", 1);
    List<SinkRecord> records = RecordingSink.await("recorder", 3, TIMEOUT);

    assertEquals(3, records.size(), "records: " + records);
    for (int i = 0; i < 3; i++) {
      SinkRecord record = records.get(i);
      assertEquals("orders", record.topic());
      assertEquals(0, record.kafkaPartition());
      assertEquals(i, record.kafkaOffset());
      assertEquals("k" + i, record.key());
      assertEquals("v" + i, record.value());
      assertEquals(List.of("trace=t" + i, "source=it"), headers(record));
    }
    List<ConsumerRecord<byte[], byte[]>> raw = connect.consume("orders", 3, TIMEOUT);
    assertEquals("v2", new String(raw.get(2).value(), StandardCharsets.UTF_8));
    connect.deleteConnector("recorder");
  }

  @Test
  void validateCountsErrors() {
    Map<String, String> good = sinkConfig("validate-good");
    assertEquals(0, connect.validate(RecordingSinkConnector.class.getName(), good).errorCount());

    Map<String, String> bad = sinkConfig("validate-bad");
    bad.put(RecordingSinkConnector.RECORDING_NAME_CONFIG, "");
    ConnectorValidation result = connect.validate(RecordingSinkConnector.class.getName(), bad);
    assertTrue(result.errorCount() >= 1, "expected errors: " + result);
    assertTrue(result.mentions(RecordingSinkConnector.RECORDING_NAME_CONFIG), result.toString());
  }

  @Test
  void listsPlugins() {
    List<String> connectors = connect.connectorPlugins(true);
    assertTrue(connectors.contains(RecordingSinkConnector.class.getName()), connectors.toString());
    List<String> all = connect.connectorPlugins(false);
    assertTrue(all.contains(STRING_CONVERTER), all.toString());
    assertTrue(connect.pluginPath().contains("spillway-connect-"), connect.pluginPath());
  }

  private static Map<String, String> sinkConfig(String name) {
    Map<String, String> config = new HashMap<>();
    config.put("name", name);
    config.put("connector.class", RecordingSinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topics", "orders");
    config.put("key.converter", STRING_CONVERTER);
    config.put("value.converter", STRING_CONVERTER);
    // The default SimpleHeaderConverter would parse "1" as a number; keep headers as text.
    config.put("header.converter", STRING_CONVERTER);
    return config;
  }

  private static List<String> headers(SinkRecord record) {
    List<String> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(header.key() + "=" + header.value());
    }
    return headers;
  }
}
