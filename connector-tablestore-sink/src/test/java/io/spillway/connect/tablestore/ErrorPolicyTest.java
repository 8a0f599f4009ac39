package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.LogCapture;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Records that cannot be written (whitelist type mismatch, a row over 2 MB, a row Tablestore
 * refuses with OTSParameterInvalid, a bad primary key value) under each error policy: the task
 * fails naming the record; or the record goes to the dead letter queue; or, without one, it is
 * counted and logged. Either way the other records are written and the offset moves past the bad
 * one only once it is handled.
 */
class ErrorPolicyTest {
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("id", Schema.STRING_SCHEMA)
          .field("qty", Schema.INT64_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  static final Schema MIXED =
      SchemaBuilder.struct()
          .field("id", Schema.STRING_SCHEMA)
          .field("qty", Schema.STRING_SCHEMA)
          .build();

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  /** record_value keyed by id, qty whitelisted as integer. */
  Map<String, String> props(String topic) {
    Map<String, String> props = TablestoreSinks.keyedById(server, topic);
    props.put("tablestore." + topic + ".columns.whitelist.name", "qty,note");
    props.put("tablestore." + topic + ".columns.whitelist.type", "integer,string");
    return props;
  }

  /** Offsets 0..4: good, whitelist mismatch (qty a string), good, 3 MB note, good. */
  static List<SinkRecord> batch(String topic) {
    List<SinkRecord> records = new ArrayList<>();
    records.add(good(topic, 0));
    records.add(
        record(topic, 0, 1, null, null, MIXED, new Struct(MIXED).put("id", "r1").put("qty", "7")));
    records.add(good(topic, 2));
    records.add(
        record(
            topic,
            0,
            3,
            null,
            null,
            VALUE,
            new Struct(VALUE).put("id", "r3").put("qty", 3L).put("note", "n".repeat(3 << 20))));
    records.add(good(topic, 4));
    return records;
  }

  static SinkRecord good(String topic, long offset) {
    return record(
        topic,
        0,
        offset,
        null,
        null,
        VALUE,
        new Struct(VALUE).put("id", "r" + offset).put("qty", offset).put("note", "ok"));
  }

  @Test
  void toleranceNoneFailsTheTaskNamingTheRecord() {
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("strict"), "strict")) {
      ConnectException error =
          assertThrows(ConnectException.class, () -> harness.put(batch("strict")));
      assertTrue(
          error.getMessage().contains("topic 'strict', partition 0, offset 1"), error.getMessage());
      assertTrue(error.getMessage().contains("whitelist"), error.getMessage());
      // Only the record before the bad one may be committed.
      assertEquals(1, harness.flushAndCommit().get(new TopicPartition("strict", 0)).offset());
    }
  }

  @Test
  void errorsToleranceAllSendsBadRecordsToTheDeadLetterQueue() {
    Map<String, String> props = props("dlq");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq-topic");
    try (TaskHarness<TablestoreSinkTask> harness = TablestoreSinks.harness(props, "dlq")) {
      harness.put(batch("dlq"));
      assertEquals(5, harness.flushAndCommit().get(new TopicPartition("dlq", 0)).offset());
      assertEquals(
          List.of(1L, 3L), harness.reported.stream().map(r -> r.record().kafkaOffset()).toList());
      assertTrue(harness.reported.get(0).error().getMessage().contains("whitelist"));
      assertTrue(harness.reported.get(1).error().getMessage().contains("2097152"));
    }
    assertEquals(
        List.of("r0", "r2", "r4"), rows(server, "dlq").stream().map(r -> r.get("id")).toList());
    assertEquals(Map.of("id", "r2", "qty", 2L, "note", "ok"), rows(server, "dlq").get(1));
  }

  @Test
  void runtimeToleranceAllWithoutQueueCountsAndLogsEveryRecord() {
    Map<String, String> props = props("ignored");
    props.put("runtime.error.tolerance", "all");
    try (LogCapture log = LogCapture.start();
        TaskHarness<TablestoreSinkTask> harness =
            TaskHarness.withoutReporter(new TablestoreSinkTask(), props)) {
      harness.open(new TopicPartition("ignored", 0));
      harness.put(batch("ignored"));
      assertEquals(5, harness.flushAndCommit().get(new TopicPartition("ignored", 0)).offset());
      List<String> warnings =
          log.lines(line -> line.logger().endsWith("ErrorPolicy")).stream()
              .map(LogCapture.Line::message)
              .toList();
      assertEquals(2, warnings.size(), warnings.toString());
      assertTrue(
          warnings.get(0).contains("topic 'ignored', partition 0, offset 1"), warnings.get(0));
      assertTrue(warnings.get(1).contains("2 so far"), warnings.get(1));
    }
    assertEquals(3, rows(server, "ignored").size());
  }

  @Test
  void rowsTablestoreRefusesGoToTheQueueAndTheOthersAreWritten() {
    Map<String, String> props = props("refused");
    props.put("errors.tolerance", "all");
    server
        .faults()
        .failRows(
            key -> key.getPrimaryKeyColumn("id").getValue().asString().equals("r2"),
            "OTSParameterInvalid",
            "the row is invalid");
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(good("refused", i));
    }
    try (TaskHarness<TablestoreSinkTask> harness = TablestoreSinks.harness(props, "refused")) {
      harness.put(records);
      harness.flushAndCommit(); // flushes: the refused row's callback has failed it
      harness.put(List.of()); // the task thread reports it
      assertEquals(5, harness.flushAndCommit().get(new TopicPartition("refused", 0)).offset());
      assertEquals(1, harness.reported.size());
      assertEquals(2L, harness.reported.get(0).record().kafkaOffset());
      assertTrue(
          harness.reported.get(0).error().getMessage().contains("OTSParameterInvalid"),
          harness.reported.get(0).error().getMessage());
    }
    assertEquals(
        List.of("r0", "r1", "r3", "r4"),
        rows(server, "refused").stream().map(r -> r.get("id")).toList());
  }
}
