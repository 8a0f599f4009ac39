package io.spillway.connect.tablestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * runtime.error.mode=kafka against a real broker (topics are never created by the broker here): bad
 * records read back from the error topic with a plain consumer, a missing or unreachable error
 * topic failing the task without committing past the record, and the connector in a real worker
 * (plugin archive, isolation) reporting a record it cannot write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorTopicIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  EmbeddedConnect connect;
  TablestoreServer server;

  @BeforeAll
  void startConnect() {
    connect =
        EmbeddedConnect.builder()
            .brokerProp("auto.create.topics.enable", "false")
            .modulePluginArchive()
            .start();
  }

  @AfterAll
  void stopConnect() {
    connect.close();
  }

  @BeforeEach
  void startTablestore() {
    server = TablestoreServer.start();
  }

  @AfterEach
  void stopTablestore() {
    server.close();
  }

  Map<String, String> props(String errorTopic, String bootstrap) {
    Map<String, String> props = BadRecords.props(server);
    props.put("runtime.error.tolerance", "all");
    props.put("runtime.error.mode", "kafka");
    props.put("runtime.error.bootstrap.servers", bootstrap);
    props.put("runtime.error.topic.name", errorTopic);
    return props;
  }

  @Test
  void badRecordsAreResentToTheErrorTopicWithTheirHeadersAndAnErrorInfoHeader() {
    // The error topic takes the oversized record too.
    connect
        .cluster()
        .kafka()
        .createTopic("orders-errors", 1, 1, Map.of("max.message.bytes", "8388608"));
    List<SinkRecord> records = BadRecords.batch();
    BadRecords.refuseServerSide(server);
    try (TaskHarness<TablestoreSinkTask> harness =
        BadRecords.harness(props("orders-errors", connect.kafka()))) {
      harness.put(records);
      BadRecords.awaitCommitted(harness, records.size());
    }
    List<ConsumerRecord<byte[], byte[]>> reports = connect.consume("orders-errors", 3, TIMEOUT);
    assertEquals(3, reports.size());
    for (int i = 0; i < 3; i++) {
      ConsumerRecord<byte[], byte[]> report = reports.get(i);
      SinkRecord bad = records.get((int) BadRecords.BAD_OFFSETS[i]);
      assertEquals(BadRecords.KEY_TEXT + bad.kafkaOffset(), text(report.key()));
      BadRecords.assertValueRoundTrips(bad, report.value());
      assertEquals(bad.timestamp(), report.timestamp());
      assertEquals("t-" + bad.kafkaOffset(), text(report.headers().lastHeader("trace").value()));
      assertEquals("3", text(report.headers().lastHeader("attempt").value()));
      String info = text(report.headers().lastHeader("ErrorInfo").value());
      assertTrue(info.startsWith("Error: "), info);
      assertTrue(info.contains(BadRecords.REASONS[i]), info + " names " + BadRecords.REASONS[i]);
      assertTrue(
          info.endsWith("Record: topic 'orders', partition 0, offset " + bad.kafkaOffset()), info);
    }
    assertEquals(records.size() - 3, TablestoreSinks.rows(server, "orders").size());
  }

  @Test
  void aMissingErrorTopicFailsTheTaskAndNothingPastTheRecordIsCommitted() {
    assertFailsWithoutCommittingPastTheBadRecord(connect.kafka(), "no-such-errors");
  }

  @Test
  void anUnreachableErrorClusterFailsTheTaskAndNothingPastTheRecordIsCommitted() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    assertFailsWithoutCommittingPastTheBadRecord("127.0.0.1:" + port, "orders-errors-unreachable");
  }

  void assertFailsWithoutCommittingPastTheBadRecord(String bootstrap, String topic) {
    Map<String, String> props = props(topic, bootstrap);
    props.put("max.retries", "1");
    props.put("runtime.error.producer.max.block.ms", "1000");
    props.put("runtime.error.producer.request.timeout.ms", "1000");
    props.put("runtime.error.producer.delivery.timeout.ms", "2000");
    long bad = BadRecords.BAD_OFFSETS[0];
    try (TaskHarness<TablestoreSinkTask> harness = BadRecords.harness(props)) {
      harness.put(BadRecords.batch().subList(0, (int) bad + 3));
      ConnectException failed = BadRecords.awaitTaskFailure(harness);
      assertTrue(failed.getMessage().contains("offset " + bad), failed.getMessage());
      assertTrue(failed.getMessage().contains("error topic '" + topic + "'"), failed.getMessage());
      OffsetAndMetadata committed =
          harness.flushAndCommit().get(new TopicPartition(BadRecords.TOPIC, 0));
      assertTrue(committed == null || committed.offset() <= bad, "committed " + committed);
    }
  }

  @Test
  void theConnectorInAWorkerReportsARecordItCannotWriteToTheErrorTopic() {
    connect.createTopic("shop", 1);
    connect.createTopic("shop-errors", 1);
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "true"), false);
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Struct value =
          i == 1
              ? new Struct(BadRecords.QTY_AS_TEXT).put("name", "n1").put("qty", "many")
              : new Struct(BadRecords.VALUE).put("name", "n" + i).put("qty", i);
      values.add(json.fromConnectData("shop", value.schema(), value));
      List<Header> headers = List.of(new RecordHeader("trace", utf8("t-" + i)));
      connect.produce(
          new ProducerRecord<>(
              "shop", 0, 1_700_000_000_000L + i, utf8("k" + i), values.get(i), headers));
    }
    json.close();
    Map<String, String> config = new HashMap<>(props("shop-errors", connect.kafka()));
    config.put("name", "shop-sink");
    config.put("topics", "shop");
    config.remove("tablestore.orders.columns.whitelist.name");
    config.remove("tablestore.orders.columns.whitelist.type");
    config.put("tablestore.shop.columns.whitelist.name", "name,qty,note");
    config.put("tablestore.shop.columns.whitelist.type", "string,integer,string");
    config.put("connector.class", TablestoreSinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    connect.createConnector("shop-sink", config);
    try {
      ConsumerRecord<byte[], byte[]> report;
      try {
        report = connect.consume("shop-errors", 1, TIMEOUT).get(0);
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "; connector status: " + connect.connectorStatus("shop-sink"), e);
      }
      assertEquals("k1", text(report.key()));
      // Rebuilt with the worker's own JsonConverter: the very bytes that were produced.
      assertArrayEquals(values.get(1), report.value());
      assertEquals("t-1", text(report.headers().lastHeader("trace").value()));
      String info = text(report.headers().lastHeader("ErrorInfo").value());
      assertTrue(info.contains("in the whitelist"), info);
      assertTrue(info.endsWith("Record: topic 'shop', partition 0, offset 1"), info);
      io.spillway.connect.testkit.Await.until(
          TIMEOUT, "the two good rows", () -> TablestoreSinks.rows(server, "shop").size() == 2);
    } finally {
      connect.deleteConnector("shop-sink");
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
