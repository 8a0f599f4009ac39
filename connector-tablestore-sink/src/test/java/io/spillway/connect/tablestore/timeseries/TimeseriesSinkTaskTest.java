package io.spillway.connect.tablestore.timeseries;

import static io.spillway.connect.tablestore.timeseries.Points.P0;
import static io.spillway.connect.tablestore.timeseries.Points.fields;
import static io.spillway.connect.tablestore.timeseries.Points.props;
import static io.spillway.connect.tablestore.timeseries.Points.read;
import static io.spillway.connect.tablestore.timeseries.Points.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.tablestore.TablestoreSinkTask;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Records written through the task in time series mode, points read back field by field. */
class TimeseriesSinkTaskTest {
  private static final long T0 = 1_700_000_000_000L;

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  private static Map<String, Object> reading(String ds, String region, int i) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("ds", ds);
    value.put("region", region);
    value.put("rack", "r" + (i % 2));
    value.put("time", T0 + i);
    value.put("CPU", (long) i); // a schemaless number: DOUBLE, as the aliyun connector writes it
    value.put("Load", i / 4.0);
    value.put("Status", "ok-" + i);
    value.put("up", i % 3 != 0);
    value.put("note", null); // a null field is no field
    return value;
  }

  @Test
  void mapAllWritesEveryOtherFieldInLowerCaseBatchedByRowsPerBatch() {
    Map<String, String> props = props(server);
    props.put("tablestore.timeseries.rowsPerBatch", "4");
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(i, null, reading("host-" + (i % 2), "eu", i)));
    }
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(P0);
      harness.put(records);
      assertEquals(10, harness.flushAndCommit().get(P0).offset());
    }
    // 10 points in batches of at most 4: at least 3 requests.
    assertTrue(server.requests("PutTimeseriesData") >= 3, "batched by rowsPerBatch");
    for (int host = 0; host < 2; host++) {
      TimeseriesKey key =
          new TimeseriesKey("metrics", "host-" + host, Map.of("region", "eu", "rack", "r" + host));
      List<TimeseriesRow> points = read(server, "metrics", key);
      assertEquals(5, points.size(), "host-" + host);
      for (int n = 0; n < 5; n++) {
        int i = host + 2 * n;
        TimeseriesRow point = points.get(n);
        assertEquals(key, point.getTimeseriesKey());
        assertEquals((T0 + i) * 1000, point.getTimeInUs());
        Map<String, Object> expected = new HashMap<>();
        expected.put("cpu", (double) i);
        expected.put("load", i / 4.0);
        expected.put("status", "ok-" + i);
        expected.put("up", i % 3 != 0);
        assertEquals(expected, fields(point));
      }
    }
  }

  @Test
  void aPartialBatchIsSentByTheFlushIntervalWithoutACommit() {
    Map<String, String> props = props(server);
    props.put("flush.Interval", "200");
    TimeseriesKey key =
        new TimeseriesKey("metrics", "host-0", Map.of("region", "eu", "rack", "r0"));
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(P0);
      harness.put(List.of(record(0, null, reading("host-0", "eu", 0))));
      List<TimeseriesRow> points =
          Await.value(
              Duration.ofSeconds(10),
              "the point, sent by the flush timer",
              () -> {
                List<TimeseriesRow> read = read(server, "metrics", key);
                return read.isEmpty() ? null : read;
              });
      assertEquals(1, points.size());
      assertEquals(1, harness.flushAndCommit().get(P0).offset());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TimeUnit.class,
      names = {"SECONDS", "MILLISECONDS", "MICROSECONDS", "NANOSECONDS"})
  void declaredFieldsOnlyWithTheirTypesAndNamesKeptAsTheyAre(TimeUnit unit) {
    Schema schema =
        SchemaBuilder.struct()
            .field("sensor", Schema.STRING_SCHEMA)
            .field("at", Schema.INT64_SCHEMA)
            .field("Count", Schema.INT32_SCHEMA)
            .field("temp", Schema.FLOAT64_SCHEMA)
            .field("ignored", Schema.STRING_SCHEMA)
            .build();
    Map<String, String> props = props(server);
    props.put("tablestore.timeseries.metrics.measurement", "sensor");
    props.remove("tablestore.timeseries.metrics.dataSource");
    props.remove("tablestore.timeseries.metrics.tags");
    props.put("tablestore.timeseries.metrics.time", "at");
    props.put("tablestore.timeseries.metrics.time.unit", unit.name());
    props.put("tablestore.timeseries.metrics.field.name", "count,TEMP");
    props.put("tablestore.timeseries.metrics.field.type", "integer,string");
    props.put("tablestore.timeseries.mapAll", "false");
    props.put("tablestore.timeseries.toLowerCase", "false");
    long at = unit.convert(T0, TimeUnit.MILLISECONDS) + 7;
    Struct value =
        new Struct(schema)
            .put("sensor", "thermo")
            .put("at", at)
            .put("Count", 42)
            .put("temp", 21.5)
            .put("ignored", "x");
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(P0);
      harness.put(List.of(record(0, schema, value)));
      assertEquals(1, harness.flushAndCommit().get(P0).offset());
    }
    List<TimeseriesRow> points = read(server, "metrics", new TimeseriesKey("thermo", "", Map.of()));
    assertEquals(1, points.size());
    assertEquals(unit.toMicros(at), points.get(0).getTimeInUs());
    assertEquals(Map.of("Count", 42L, "temp", "21.5"), fields(points.get(0)));
  }
}
