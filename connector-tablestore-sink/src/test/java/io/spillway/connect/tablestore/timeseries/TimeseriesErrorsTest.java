package io.spillway.connect.tablestore.timeseries;

import static io.spillway.connect.tablestore.timeseries.Points.P0;
import static io.spillway.connect.tablestore.timeseries.Points.fields;
import static io.spillway.connect.tablestore.timeseries.Points.props;
import static io.spillway.connect.tablestore.timeseries.Points.read;
import static io.spillway.connect.tablestore.timeseries.Points.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.TimeseriesTableMeta;
import com.alicloud.openservices.tablestore.model.timeseries.CreateTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.tablestore.TablestoreSinkTask;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Unmappable records, per-row failures and a busy server in time series mode. */
class TimeseriesErrorsTest {
  private static final long T0 = 1_700_000_000_000L;

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  private static Map<String, Object> point(String ds, long time, double cpu) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("ds", ds);
    value.put("region", "eu");
    value.put("time", time);
    value.put("cpu", cpu);
    return value;
  }

  private static Map<String, Object> with(Map<String, Object> value, String field, Object v) {
    Map<String, Object> changed = new LinkedHashMap<>(value);
    if (v == null) {
      changed.remove(field);
    } else {
      changed.put(field, v);
    }
    return changed;
  }

  private static Map<String, String> toDlq(Map<String, String> props) {
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    return props;
  }

  private static TaskHarness<TablestoreSinkTask> harness(Map<String, String> props) {
    TaskHarness<TablestoreSinkTask> harness = new TaskHarness<>(new TablestoreSinkTask(), props);
    harness.open(P0);
    return harness;
  }

  private List<TimeseriesRow> series(String ds) {
    return read(server, "metrics", new TimeseriesKey("metrics", ds, Map.of("region", "eu")));
  }

  @Test
  void unmappableRecordsGoToTheDeadLetterQueueAndTheOthersAreWritten() {
    Map<String, Object> good = point("a", T0, 1.5);
    Map<String, Object> onlyKeys = new HashMap<>(good);
    onlyKeys.remove("cpu");
    List<SinkRecord> records =
        List.of(
            record(0, null, good),
            record(1, null, with(good, "time", null)),
            record(2, null, with(good, "time", "yesterday")),
            record(3, null, with(good, "ds", null)),
            record(4, null, with(good, "region", Map.of("nested", 1))),
            record(5, null, with(good, "region", "a=b")),
            record(6, null, onlyKeys),
            record(7, null, with(good, "time", -5L)),
            record(8, null, with(with(good, "time", T0 + 8), "CPU", 2.0)),
            record(9, null, with(good, "time", T0 + 9)));
    try (TaskHarness<TablestoreSinkTask> harness = harness(toDlq(props(server)))) {
      harness.put(records);
      assertEquals(10, harness.flushAndCommit().get(P0).offset());
      Map<Long, String> reported = new HashMap<>();
      harness.reported.forEach(r -> reported.put(r.record().kafkaOffset(), r.error().getMessage()));
      assertEquals(
          List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), reported.keySet().stream().sorted().toList());
      assertContains(reported.get(1L), "no time field 'time'");
      assertContains(reported.get(2L), "must be an integer count of MILLISECONDS");
      assertContains(reported.get(3L), "no field 'ds'");
      assertContains(reported.get(4L), "'region' is JSON");
      assertContains(reported.get(5L), "tag values cannot hold");
      assertContains(reported.get(6L), "no point fields");
      assertContains(reported.get(7L), "before 1970");
      assertContains(reported.get(8L), "both become point field 'cpu'");
    }
    List<TimeseriesRow> points = series("a");
    assertEquals(2, points.size());
    assertEquals(T0 * 1000, points.get(0).getTimeInUs());
    assertEquals(Map.of("cpu", 1.5), fields(points.get(0)));
    assertEquals((T0 + 9) * 1000, points.get(1).getTimeInUs());
  }

  private static void assertContains(String text, String part) {
    assertTrue(text != null && text.contains(part), "'" + part + "' in: " + text);
  }

  @Test
  void anUnmappableRecordFailsTheTaskNamingItsPositionWithoutErrorTolerance() {
    try (TaskHarness<TablestoreSinkTask> harness = harness(props(server))) {
      ConnectException e =
          assertThrows(
              ConnectException.class,
              () ->
                  harness.put(
                      List.of(
                          record(0, null, point("a", T0, 1)),
                          record(1, null, with(point("a", T0 + 1, 2), "time", "soon")))));
      assertContains(e.getMessage(), "topic 'metrics', partition 0, offset 1");
      assertContains(e.getMessage(), "time field 'time'");
      OffsetAndMetadata committed = harness.flushAndCommit().get(P0);
      assertEquals(1, committed == null ? 0 : committed.offset(), "only the written record");
    }
  }

  @Test
  void rowsTheServerRefusesGoToTheErrorPolicyAloneAndBusyRowsAreRetried() {
    // One data source fails for good, one fails with a retriable code until the fault is cleared.
    server
        .faults()
        .failRows(
            pk -> pk.getPrimaryKeyColumn("_data_source").getValue().asString().equals("bad"),
            "OTSParameterInvalid",
            "bad point");
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      records.add(record(i, null, point(i == 3 ? "bad" : "a", T0 + i, i)));
    }
    try (TaskHarness<TablestoreSinkTask> harness = harness(toDlq(props(server)))) {
      harness.put(records);
      // The failed row is settled at the next put: reported, then committable.
      assertEquals(3, harness.flushAndCommit().get(P0).offset());
      assertEquals(6, drain(harness, 6));
      assertEquals(1, harness.reported.size());
      assertEquals(3, harness.reported.get(0).record().kafkaOffset());
      assertContains(harness.reported.get(0).error().getMessage(), "OTSParameterInvalid");

      server
          .faults()
          .failRows(
              pk -> pk.getPrimaryKeyColumn("_data_source").getValue().asString().equals("slow"),
              "OTSServerBusy",
              "busy");
      harness.put(
          List.of(
              record(6, null, point("slow", T0 + 6, 6)), record(7, null, point("a", T0 + 7, 7))));
      assertEquals(6, harness.flushAndCommit().get(P0).offset(), "the busy row is not committed");
      server.faults().clear();
      long committed = drain(harness, 8);
      assertEquals(8, committed);
      assertEquals(1, harness.reported.size());
    }
    assertEquals(6, series("a").size());
    assertEquals(1, series("slow").size());
    assertEquals(0, series("bad").size());
  }

  @Test
  void aBusyServerLosesNothingAndNothingIsCommittedEarly() {
    server.faults().serverBusyFor(Duration.ofSeconds(2));
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(record(i, null, point("a", T0 + i, i)));
    }
    try (TaskHarness<TablestoreSinkTask> harness = harness(props(server))) {
      harness.put(records);
      OffsetAndMetadata early = harness.flushAndCommit().get(P0);
      assertNull(early, "nothing written while the server is busy");
      assertEquals(20, drain(harness, 20));
    }
    List<TimeseriesRow> points = series("a");
    assertEquals(20, points.size());
    for (int i = 0; i < 20; i++) {
      assertEquals((T0 + i) * 1000, points.get(i).getTimeInUs());
      assertEquals(Map.of("cpu", (double) i), fields(points.get(i)));
    }
  }

  @Test
  void aMissingTableFailsTheTaskWithoutAutoCreateAndAnExistingOneIsUsed() {
    Map<String, String> props = props(server);
    props.put("auto.create", "false");
    try (TaskHarness<TablestoreSinkTask> harness = harness(props)) {
      ConnectException e =
          assertThrows(
              ConnectException.class,
              () -> harness.put(List.of(record(0, null, point("a", T0, 1)))));
      assertContains(e.getMessage(), "Time series table 'metrics' does not exist");
    }
    TimeseriesClient client = server.timeseriesClient();
    try {
      client.createTimeseriesTable(
          new CreateTimeseriesTableRequest(new TimeseriesTableMeta("metrics")));
    } finally {
      client.shutdown();
    }
    try (TaskHarness<TablestoreSinkTask> harness = harness(props)) {
      harness.put(List.of(record(0, null, point("a", T0, 1))));
      assertEquals(1, harness.flushAndCommit().get(P0).offset());
    }
    assertEquals(1, series("a").size());
  }

  @Test
  void aTopicWhoseTableHasNoMappingFailsTheTaskNamingTheKey() {
    Map<String, String> props = props(server);
    props.remove("topics");
    props.put("topics.regex", "metrics.*");
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(new TopicPartition("metrics2", 0));
      ConnectException e =
          assertThrows(
              ConnectException.class,
              () ->
                  harness.put(
                      List.of(
                          new SinkRecord("metrics2", 0, null, null, null, point("a", T0, 1), 0))));
      assertContains(e.getMessage(), "tablestore.timeseries.metrics2.measurement");
    }
  }

  /**
   * Keeps calling put (as Connect does after a RetriableException) and commit until the partition
   * is committed up to {@code end}; checks the committed offset never goes backwards.
   */
  private static long drain(TaskHarness<TablestoreSinkTask> harness, long end) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long committed = 0;
    while (committed < end && System.nanoTime() < deadline) {
      try {
        harness.put(List.of());
      } catch (RetriableException e) {
        // rows wait for their retry
      }
      OffsetAndMetadata offset = harness.commit().get(P0);
      if (offset != null) {
        assertTrue(offset.offset() >= committed, "commits never go back");
        committed = offset.offset();
      }
      sleep(20);
    }
    return committed;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
