package io.spillway.connect.tablestore.timeseries;

import static io.spillway.connect.tablestore.timeseries.Points.fields;
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
import io.spillway.connect.testkit.ConfigExamples;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The time series examples of config-examples/tablestore-sink run unchanged, their ${env:...}
 * placeholders pointing at the in-JVM Tablestore; points read back.
 */
class TimeseriesExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "config-examples", "tablestore-sink");
  private static final long T0 = 1_700_000_000_000L;

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  private Map<String, String> example(String file) {
    return ConfigExamples.resolve(
        ConfigExamples.load(EXAMPLES.resolve(file)),
        Map.of(
            "TABLESTORE_ENDPOINT", server.endpoint(),
            "TABLESTORE_INSTANCE", server.instanceName(),
            "TABLESTORE_ACCESS_KEY_ID", server.accessKeyId(),
            "TABLESTORE_ACCESS_KEY_SECRET", server.accessKeySecret()));
  }

  @Test
  void aliyunTimeseriesExample() {
    TopicPartition test = new TopicPartition("test", 0);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("ds", "d1");
    value.put("tag1", "a");
    value.put("tag2", "b");
    value.put("time", T0);
    value.put("Temp", 20.5);
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), example("aliyun-timeseries.properties"))) {
      harness.open(test);
      harness.put(List.of(new SinkRecord("test", 0, null, "k", null, value, 0)));
      assertEquals(1, harness.flushAndCommit().get(test).offset());
    }
    List<TimeseriesRow> points =
        read(server, "test", new TimeseriesKey("test", "d1", Map.of("tag1", "a", "tag2", "b")));
    assertEquals(1, points.size());
    assertEquals(T0 * 1000, points.get(0).getTimeInUs());
    assertEquals(Map.of("temp", 20.5), fields(points.get(0)));
  }

  @Test
  void timeseriesFlatRowsExample() {
    TopicPartition sensors = new TopicPartition("sensors", 0);
    Flattener flattener = new Flattener(new FlattenConfig(Map.of("flatten.mode", "unpacked")));
    FlatRecord row =
        flattener.flatten(
            new RawRecord(
                new RecordPosition("iot", 0, 41),
                T0,
                TimestampType.CREATE_TIME,
                null,
                ("{\"kind\":\"climate\",\"device\":\"d7\",\"site\":\"hz\",\"floor\":3,"
                        + "\"temperature\":21,\"humidity\":0.4,\"battery\":88,\"fw\":\"1.2\"}")
                    .getBytes(StandardCharsets.UTF_8),
                List.of()));
    SchemaAndValue flat = new FlatRows().toConnect(row);
    SinkRecord record =
        new SinkRecord(
            "sensors",
            0,
            Columns.POSITION_KEY_SCHEMA,
            Columns.positionKey(row),
            flat.schema(),
            flat.value(),
            0);
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), example("timeseries-flat-rows.properties"))) {
      harness.open(sensors);
      harness.put(List.of(record));
      assertEquals(1, harness.flushAndCommit().get(sensors).offset());
      assertEquals(List.of(), harness.reported);
    }
    List<TimeseriesRow> points =
        read(
            server,
            "sensors",
            new TimeseriesKey("climate", "d7", Map.of("site", "hz", "floor", "3")));
    assertEquals(1, points.size());
    assertEquals(T0 * 1000, points.get(0).getTimeInUs());
    // Declared types: the integer temperature is written as DOUBLE; fw is not declared.
    assertEquals(
        Map.of("temperature", 21.0, "humidity", 0.4, "battery", 88L), fields(points.get(0)));
  }
}
