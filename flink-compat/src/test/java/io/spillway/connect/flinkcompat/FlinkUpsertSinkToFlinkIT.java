package io.spillway.connect.flinkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our Flink upsert sink (installed from its archive) writes a topic that Flink's upsert-kafka
 * reader (real Flink 2.2.1, json format) turns into exactly the expected final table, with ALL and
 * EXCEPT_KEY, from records carrying Connect Timestamp, Date, Decimal and optional fields; and the
 * latest bytes per key equal those Flink's own sink writes for the same changes.
 */
class FlinkUpsertSinkToFlinkIT {
  static final String FLINK_UPSERT_ARCHIVE = "spillway.compat.flinkupsert.archive";
  private static final String INPUT = "orders_in";
  private static final int PARTITIONS = 2;

  private static FlinkAndConnect cluster;
  private static EmbeddedConnect connect;
  private static FlinkUpsertTables flink;
  private static ConnectOrders orders;

  @BeforeAll
  static void start() {
    cluster = FlinkAndConnect.start(FLINK_UPSERT_ARCHIVE);
    connect = cluster.connect();
    flink = cluster.flink();
    connect.createTopic(INPUT, PARTITIONS);
    orders = ConnectOrders.generate(INPUT, 20, 7);
    for (ProducerRecord<byte[], byte[]> record : orders.records) {
      connect.produce(record);
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, String> sinkConfig(String target, String fieldsInclude) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector");
    config.put("topics", INPUT);
    config.put("tasks.max", "2");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    config.put("target.bootstrap.servers", connect.kafka());
    config.put("target.topic", target);
    config.put("key.fields", "tenant,id");
    config.put("key.format", "json");
    config.put("value.format", "json");
    config.put("value.fields-include", fieldsInclude);
    config.put("buffer.flush.interval", "200");
    return config;
  }

  @Test
  void flinkReadsOurTopicWithAllColumnsAsTheFinalTableAndTheBytesMatchFlinksSink() {
    String target = "flink_all";
    UpsertTopic table =
        UpsertTopic.json(
            connect.kafka(), target, ConnectOrders.COLUMNS, ConnectOrders.PRIMARY_KEY, "ALL");
    Map<String, String> ours = runSink("orders-all", target, "ALL");

    assertEquals(orders.finalTable(), flink.readFinalTable(table));

    // Flink's own sink, same changes, same table, default options on both sides: the latest value
    // of every key, byte for byte (decimals too: both strip trailing zeros by default).
    String reference = "flink_all_reference";
    connect.createTopic(reference, PARTITIONS);
    flink.writeUpsertTopic(
        UpsertTopic.json(
            connect.kafka(), reference, ConnectOrders.COLUMNS, ConnectOrders.PRIMARY_KEY, "ALL"),
        orders.flinkChanges);
    assertEquals(
        latestPerKey(
            connect.consume(reference, orders.flinkChanges.size(), Duration.ofSeconds(30))),
        ours);
  }

  @Test
  void flinkReadsOurTopicWithoutKeyColumnsInTheValueAsTheFinalTable() {
    String target = "flink_except_key";
    UpsertTopic table =
        UpsertTopic.json(
            connect.kafka(),
            target,
            ConnectOrders.COLUMNS,
            ConnectOrders.PRIMARY_KEY,
            "EXCEPT_KEY");
    runSink("orders-except-key", target, "EXCEPT_KEY");
    assertEquals(orders.finalTable(), flink.readFinalTable(table));
  }

  /**
   * Runs the sink until it committed the end of the input (it commits only what the target
   * acknowledged), deletes it and returns the target's latest key → value, as UTF-8 text (null
   * value = tombstone); every input key is there.
   */
  private static Map<String, String> runSink(String name, String target, String fieldsInclude) {
    connect.configureConnector(name, sinkConfig(target, fieldsInclude));
    connect.awaitConnectorRunning(name, 2);
    Await.until(
        Duration.ofSeconds(60),
        "connector " + name + " committing the end of " + INPUT,
        () -> TopicContents.committedToEnd(connect.kafka(), "connect-" + name, INPUT));
    connect.deleteConnector(name);
    Map<String, String> latest = latestPerKey(TopicContents.readToEnd(connect.kafka(), target));
    assertEquals(
        latestPerKey(TopicContents.readToEnd(connect.kafka(), INPUT)).keySet(),
        latest.keySet(),
        "every input key in " + target);
    return latest;
  }

  private static Map<String, String> latestPerKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, String> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      latest.put(
          new String(record.key(), StandardCharsets.UTF_8),
          record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }
    return latest;
  }
}
