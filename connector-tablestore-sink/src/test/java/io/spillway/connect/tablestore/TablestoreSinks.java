package io.spillway.connect.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.Row;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    props.put("tablestore.endpoint", server.endpoint());
    props.put("tablestore.instance.name", server.instanceName());
    props.put("tablestore.access.key.id", server.accessKeyId());
    props.put("tablestore.access.key.secret", server.accessKeySecret());
    props.put("auto.create", "true");
    props.put("flush.Interval", "100");
    props.put("retry.backoff.ms", "50");
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
      return TablestoreRows.readAll(client, table).stream().map(TablestoreSinks::asMap).toList();
    } finally {
      client.shutdown();
    }
  }

  static Map<String, Object> asMap(Row row) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (PrimaryKeyColumn column : row.getPrimaryKey().getPrimaryKeyColumns()) {
      com.alicloud.openservices.tablestore.model.PrimaryKeyValue value = column.getValue();
      map.put(
          column.getName(),
          switch (value.getType()) {
            case STRING -> value.asString();
            case INTEGER -> value.asLong();
            case BINARY -> new String(value.asBinary(), java.nio.charset.StandardCharsets.UTF_8);
          });
    }
    for (Column column : row.getColumns()) {
      Object value = column.getValue().getValue();
      map.put(
          column.getName(),
          value instanceof byte[] b
              ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
              : value);
    }
    return map;
  }
}
