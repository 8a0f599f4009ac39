package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source and the Tablestore sink in one real worker process: the source copies a topic of
 * the source cluster (keys, repeated headers, a tombstone) as flattened rows into the Connect
 * cluster's topic {@value #ROWS_TOPIC}; two sinks write that topic to the in-JVM TablestoreServer,
 * one with primarykey.mode=kafka (the row keeps its source record's partition and offset), one with
 * record_key on the source's {partition, offset} key. Each table holds exactly one row per source
 * record (but the tombstone, a delete that delete.mode=none skips) with its position, timestamp,
 * key, headers and value. A sink started again from offset 0 (a new consumer group) replays every
 * row: the same table, no duplicate, and a row changed or deleted in between is written back.
 */
class KafkaSourceToTablestoreIT {
  private static final String SOURCE_TOPIC = ShopEvents.SOURCE_TOPIC;
  private static final String ROWS_TOPIC = "events";
  private static final String BY_KEY_TABLE = "events_by_key";
  private static final int RECORDS = ShopEvents.RECORDS;

  @Test
  void everySourceRecordIsOneRowAndAReplayFromOffsetZeroChangesNothing() throws Exception {
    try (TablestoreServer tablestore = TablestoreServer.start();
        LocalKafka kafka =
            LocalKafka.start(List.of("connector-kafka-source", "connector-tablestore-sink"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(SOURCE_TOPIC, 3, (short) 1))).all().get();
      }
      List<Map<String, Object>> sent = produce(kafka);
      Worker worker =
          Worker.distributed(
              kafka, "worker-1", Map.of("SPILLWAY_SOURCE_BOOTSTRAP", kafka.bootstrap()));
      worker.create("events-source", sourceConfig());
      worker.create("events-tablestore", sinkConfig(tablestore, ROWS_TOPIC, "kafka"));
      worker.create("events-tablestore-by-key", sinkConfig(tablestore, BY_KEY_TABLE, "record_key"));

      Map<String, Map<String, Object>> kafkaMode = expected(sent, true);
      Map<String, Map<String, Object>> keyMode = expected(sent, false);
      SyncClient client = tablestore.syncClient();
      try {
        assertTable(client, ROWS_TOPIC, kafkaMode);
        assertTable(client, BY_KEY_TABLE, keyMode);

        // Change one row and delete another, then replay the whole topic into the table.
        worker.delete("events-tablestore");
        client.putRow(
            new PutRowRequest(
                new RowPutChange(ROWS_TOPIC, kafkaKey(0, 0))
                    .addColumn("value", ColumnValue.fromString("changed"))));
        client.deleteRow(new DeleteRowRequest(new RowDeleteChange(ROWS_TOPIC, kafkaKey(1, 0))));
        long batchesBefore = tablestore.requests("BatchWriteRow");
        worker.create("events-tablestore-replay", sinkConfig(tablestore, ROWS_TOPIC, "kafka"));
        assertTable(client, ROWS_TOPIC, kafkaMode);
        System.out.println(
            "replay: "
                + (tablestore.requests("BatchWriteRow") - batchesBefore)
                + " BatchWriteRow requests; "
                + worker.status("events-tablestore-replay"));
      } finally {
        client.shutdown();
      }
      System.out.println("source: " + worker.status("events-source"));
    }
  }

  /** Waits until the table holds exactly {@code expected} (by position), compared row by row. */
  private static void assertTable(
      SyncClient client, String table, Map<String, Map<String, Object>> expected) {
    Map<String, Map<String, Object>> rows =
        Await.value(
            Duration.ofSeconds(180),
            "the " + expected.size() + " rows of table " + table,
            () -> readTable(client, table),
            expected::equals,
            read -> read.size() + " rows");
    assertEquals(expected, rows);
  }

  /** The table's rows by their primary key ("pk1/pk2"); none while it does not exist. */
  private static Map<String, Map<String, Object>> readTable(SyncClient client, String table) {
    List<Map<String, Object>> rows;
    try {
      rows = TablestoreRows.readMaps(client, table);
    } catch (RuntimeException e) {
      return Map.of();
    }
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    for (Map<String, Object> row : rows) {
      List<Object> values = new ArrayList<>(row.values());
      byKey.put(values.get(0) + "/" + values.get(1), row);
    }
    return byKey;
  }

  private static PrimaryKey kafkaKey(int partition, long offset) {
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn(
            "topic_partition", PrimaryKeyValue.fromString(ROWS_TOPIC + "_" + partition))
        .addPrimaryKeyColumn("offset", PrimaryKeyValue.fromLong(offset))
        .build();
  }

  /**
   * The rows a sink must write, by primary key: the flattened row's columns (partition, offset,
   * timestamp as epoch milliseconds, timestamp_type, key, headers as JSON text, value). In kafka
   * mode the key is topic_partition ({@value #ROWS_TOPIC}_ + the source partition) and offset,
   * otherwise the source's {partition, offset}.
   */
  private static Map<String, Map<String, Object>> expected(
      List<Map<String, Object>> sent, boolean kafkaMode) {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> record : sent) {
      Map<String, Object> row = new LinkedHashMap<>(record);
      String first = record.get("partition").toString();
      if (kafkaMode) {
        first = ROWS_TOPIC + "_" + first;
        row.put("topic_partition", first);
      }
      rows.put(first + "/" + record.get("offset"), row);
    }
    return rows;
  }

  /**
   * The {@link ShopEvents} records over 3 partitions; the tombstone has no value. Returns the rows
   * of all but the tombstone: its flattened row is marked as a delete, which the sinks
   * (delete.mode=none) skip.
   */
  private static List<Map<String, Object>> produce(LocalKafka kafka) throws Exception {
    List<Map<String, Object>> sent = new ArrayList<>();
    for (ShopEvents.Sent record : ShopEvents.produce(kafka.bootstrap())) {
      if (record.value() == null) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("partition", (long) record.partition());
      row.put("offset", record.offset());
      row.put("timestamp", record.timestamp());
      row.put("timestamp_type", "CreateTime");
      row.put("key", record.key());
      row.put("headers", "{\"trace_0\":\"" + record.trace() + "\",\"trace_1\":\"second\"}");
      row.put("value", record.value());
      sent.add(row);
    }
    return sent;
  }

  private static Map<String, String> sourceConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.kafkasource.KafkaSourceConnector");
    config.put("tasks.max", "2");
    config.put("source.bootstrap.servers", "${env:SPILLWAY_SOURCE_BOOTSTRAP}");
    config.put("topics", SOURCE_TOPIC);
    config.put("destination.topic.format", ROWS_TOPIC);
    config.put("flatten.mode", "packed");
    // Without these the source never creates its destination topic (auto.create is off here).
    config.put("topic.creation.default.replication.factor", "-1");
    config.put("topic.creation.default.partitions", "3");
    return config;
  }

  private static Map<String, String> sinkConfig(
      TablestoreServer tablestore, String table, String primaryKeyMode) {
    Map<String, String> config = tablestore.sinkConnection();
    config.put("connector.class", "io.spillway.connect.tablestore.TablestoreSinkConnector");
    config.put("topics", ROWS_TOPIC);
    config.put("tasks.max", "2");
    config.put("tablestore.auth.mode", "AKSK");
    config.put("table.name.format", table);
    config.put("primarykey.mode", primaryKeyMode);
    if (primaryKeyMode.equals("record_key")) {
      config.put("tablestore." + table + ".primarykey.name", "partition,offset");
      config.put("tablestore." + table + ".primarykey.type", "integer,integer");
    }
    config.put("auto.create", "true");
    config.put("flush.Interval", "1000");
    return config;
  }
}
