package io.spillway.connect.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Test helpers: sink settings for a {@link TablestoreServer}, records, rows read back. */
final class TablestoreSinks {
  private TablestoreSinks() {}

  /** AccessKey settings for the server (auth mode left at the aliyun default), fast flushes. */
  static Map<String, String> props(TablestoreServer server, String topics) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "tablestore-test");
    props.put("topics", topics);
    props.putAll(server.sinkConnection());
    props.put("auto.create", "true");
    props.put("flush.Interval", "100");
    props.put("retry.backoff.ms", "50");
    return props;
  }

  /** {@link #props} with primarykey.mode=record_value: the value's string field id is the key. */
  static Map<String, String> keyedById(TablestoreServer server, String topic) {
    Map<String, String> props = props(server, topic);
    props.put("primarykey.mode", "record_value");
    props.put("tablestore." + topic + ".primarykey.name", "id");
    props.put("tablestore." + topic + ".primarykey.type", "string");
    return props;
  }

  static TaskHarness<TablestoreSinkTask> harness(Map<String, String> props, String topic) {
    TaskHarness<TablestoreSinkTask> harness = new TaskHarness<>(new TablestoreSinkTask(), props);
    harness.open(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
    return harness;
  }

  static SinkRecord record(
      String topic,
      int partition,
      long offset,
      Schema keySchema,
      Object key,
      Schema valueSchema,
      Object value) {
    return new SinkRecord(
        topic,
        partition,
        keySchema,
        key,
        valueSchema,
        value,
        offset,
        1_700_000_000_000L + offset,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }

  /** Every row of the table as (primary key values..., then column name → value) maps. */
  static List<Map<String, Object>> rows(TablestoreServer server, String table) {
    SyncClient client = server.syncClient();
    try {
      return TablestoreRows.readMaps(client, table);
    } finally {
      client.shutdown();
    }
  }
}
