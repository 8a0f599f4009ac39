package io.spillway.connect.tablestore.timeseries;

import static io.spillway.connect.tablestore.timeseries.Points.fields;
import static io.spillway.connect.tablestore.timeseries.Points.props;
import static io.spillway.connect.tablestore.timeseries.Points.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import io.spillway.connect.tablestore.TablestoreSinkTask;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Flattened rows of the Kafka source (made by the real flattening core, typed and schemaless): the
 * mapping names the source's value fields, and the row's timestamp column is the time.
 */
class FlatRowsTimeseriesTest {
  private static final long SOURCE_TIME = 1_700_000_123_456L;
  private static final TopicPartition P = new TopicPartition("metrics", 0);

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  private static FlatRecord flat(long offset, String json) {
    Flattener flattener = new Flattener(new FlattenConfig(Map.of("flatten.mode", "unpacked")));
    return flattener.flatten(
        new RawRecord(
            new RecordPosition("source-metrics", 3, offset),
            SOURCE_TIME + offset,
            TimestampType.CREATE_TIME,
            "k".getBytes(StandardCharsets.UTF_8),
            json.getBytes(StandardCharsets.UTF_8),
            List.of()));
  }

  private static SinkRecord typed(long offset, FlatRows rows, String json) {
    FlatRecord row = flat(offset, json);
    SchemaAndValue value = rows.toConnect(row);
    return new SinkRecord(
        "metrics",
        0,
        Columns.POSITION_KEY_SCHEMA,
        Columns.positionKey(row),
        value.schema(),
        value.value(),
        offset);
  }

  private static SinkRecord schemaless(long offset, String json) {
    FlatRecord row = flat(offset, json);
    return new SinkRecord(
        "metrics",
        0,
        null,
        Map.of(Columns.PARTITION, 3, Columns.OFFSET, offset),
        null,
        FlatRows.toMap(row),
        offset);
  }

  @Test
  void valueFieldsByTheirOwnNamesAndTheSourceTimestampAsTime() {
    Map<String, String> props = props(server);
    props.put("tablestore.timeseries.metrics.dataSource", "host");
    props.put("tablestore.timeseries.metrics.tags", "region");
    props.put("tablestore.timeseries.metrics.time", "timestamp");
    FlatRows rows = new FlatRows();
    String json = "{\"host\":\"h1\",\"region\":\"eu\",\"cpu\":0.5,\"count\":%d}";
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(P);
      harness.put(
          List.of(typed(0, rows, String.format(json, 10)), schemaless(1, String.format(json, 11))));
      assertEquals(2, harness.flushAndCommit().get(P).offset());
      assertEquals(List.of(), harness.reported);
    }
    List<TimeseriesRow> points =
        read(server, "metrics", new TimeseriesKey("metrics", "h1", Map.of("region", "eu")));
    assertEquals(2, points.size());
    assertEquals(SOURCE_TIME * 1000, points.get(0).getTimeInUs());
    // Typed row: the source inferred int64 for count, so INTEGER; no metadata columns as fields.
    assertEquals(Map.of("cpu", 0.5, "count", 10L), fields(points.get(0)));
    assertEquals((SOURCE_TIME + 1) * 1000, points.get(1).getTimeInUs());
    // Schemaless row: numbers are DOUBLE, as for any schemaless value.
    assertEquals(Map.of("cpu", 0.5, "count", 11.0), fields(points.get(1)));
  }
}
