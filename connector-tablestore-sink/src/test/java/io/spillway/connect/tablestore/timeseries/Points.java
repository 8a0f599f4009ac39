package io.spillway.connect.tablestore.timeseries;

import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataResponse;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Test helpers: time series sink settings for a {@link TablestoreServer}, points read back. */
final class Points {
  static final TopicPartition P0 = new TopicPartition("metrics", 0);

  private Points() {}

  /** Time series mode for topic metrics into table metrics, the aliyun example's mapping. */
  static Map<String, String> props(TablestoreServer server) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "tablestore-timeseries-test");
    props.put("topics", "metrics");
    props.putAll(server.sinkConnection());
    props.put("auto.create", "true");
    props.put("flush.Interval", "100");
    props.put("retry.backoff.ms", "50");
    props.put("tablestore.mode", "timeseries");
    props.put("tablestore.timeseries.metrics.measurement", "<topic>");
    props.put("tablestore.timeseries.metrics.dataSource", "ds");
    props.put("tablestore.timeseries.metrics.tags", "region,rack");
    props.put("tablestore.timeseries.metrics.time", "time");
    props.put("tablestore.timeseries.metrics.time.unit", "MILLISECONDS");
    return props;
  }

  static SinkRecord record(long offset, Schema schema, Object value) {
    return new SinkRecord(
        "metrics",
        0,
        null,
        null,
        schema,
        value,
        offset,
        1_700_000_000_000L + offset,
        TimestampType.CREATE_TIME);
  }

  /** Every point of one series, oldest first, read with GetTimeseriesData. */
  static List<TimeseriesRow> read(TablestoreServer server, String table, TimeseriesKey key) {
    TimeseriesClient client = server.timeseriesClient();
    try {
      List<TimeseriesRow> rows = new ArrayList<>();
      byte[] token = null;
      do {
        GetTimeseriesDataRequest get = new GetTimeseriesDataRequest(table);
        get.setTimeseriesKey(key);
        get.setTimeRange(0, Long.MAX_VALUE);
        if (token != null) {
          get.setNextToken(token);
        }
        GetTimeseriesDataResponse reply = client.getTimeseriesData(get);
        rows.addAll(reply.getRows());
        token = reply.getNextToken();
      } while (token != null && token.length > 0);
      return rows;
    } finally {
      client.shutdown();
    }
  }

  /** A point's fields as name to Java value (byte[] as UTF-8 text). */
  static Map<String, Object> fields(TimeseriesRow row) {
    Map<String, Object> fields = new HashMap<>();
    for (Map.Entry<String, ColumnValue> field : row.getFields().entrySet()) {
      Object value = field.getValue().getValue();
      fields.put(
          field.getKey(),
          value instanceof byte[] b
              ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
              : value);
    }
    return fields;
  }
}
