package io.spillway.connect.tablestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.Row;
import io.spillway.connect.testkit.LogCapture;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * runtime.error.mode=tablestore against the in-JVM Tablestore server: the three kinds of record the
 * sink cannot write land in the error table (read back and compared), a failing error table fails
 * the task without committing past the record, and ignore mode counts and logs.
 */
class ErrorTableTest {
  static final TopicPartition P0 = new TopicPartition(BadRecords.TOPIC, 0);

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  Map<String, String> props(String mode) {
    Map<String, String> props = BadRecords.props(server);
    props.put("runtime.error.tolerance", "all");
    props.put("runtime.error.mode", mode);
    props.put("runtime.error.table.name", "orders_errors");
    return props;
  }

  @Test
  void recordsTheSinkCannotWriteAreRowsOfTheErrorTable() {
    List<SinkRecord> records = BadRecords.batch();
    BadRecords.refuseServerSide(server);
    try (TaskHarness<TablestoreSinkTask> harness = BadRecords.harness(props("tablestore"))) {
      harness.put(records);
      BadRecords.awaitCommitted(harness, records.size());
      assertTrue(harness.reported.isEmpty(), "nothing goes to Connect's dead letter queue");
    }
    List<Row> errorRows = readAll("orders_errors");
    assertEquals(3, errorRows.size());
    for (int i = 0; i < 3; i++) {
      Row row = errorRows.get(i);
      SinkRecord bad = records.get((int) BadRecords.BAD_OFFSETS[i]);
      PrimaryKey key = row.getPrimaryKey();
      assertEquals("orders_0", key.getPrimaryKeyColumn("topic_partition").getValue().asString());
      assertEquals(bad.kafkaOffset(), key.getPrimaryKeyColumn("offset").getValue().asLong());
      assertEquals(BadRecords.KEY_TEXT + bad.kafkaOffset(), text(row, "key"));
      BadRecords.assertValueRoundTrips(bad, chunks(row, "value"));
      String info = text(row, "error_info");
      assertTrue(info.startsWith("Error: "), info);
      assertTrue(
          info.endsWith("Record: topic 'orders', partition 0, offset " + bad.kafkaOffset()), info);
      assertTrue(info.contains(BadRecords.REASONS[i]), info + " names " + BadRecords.REASONS[i]);
    }
    // The good rows are in the data table, the bad ones are not.
    assertEquals(records.size() - 3, readAll("orders").size());
  }

  @Test
  void aFailingErrorTableFailsTheTaskAndNothingPastTheRecordIsCommitted() {
    Map<String, String> props = props("tablestore");
    props.put("max.retries", "2");
    try (TaskHarness<TablestoreSinkTask> harness = BadRecords.harness(props)) {
      // Every write of the error row is refused as busy: retried twice, then the report fails.
      BadRecords.failErrorRowsOf(server, BadRecords.BAD_OFFSETS[0], "OTSServerBusy");
      harness.put(BadRecords.batch().subList(0, (int) BadRecords.BAD_OFFSETS[0] + 3));
      ConnectException failed = BadRecords.awaitTaskFailure(harness);
      assertTrue(
          failed.getMessage().contains("offset " + BadRecords.BAD_OFFSETS[0]), failed.getMessage());
      assertTrue(failed.getMessage().contains("error table 'orders_errors'"), failed.getMessage());
      OffsetAndMetadata committed = harness.flushAndCommit().get(P0);
      assertTrue(
          committed == null || committed.offset() <= BadRecords.BAD_OFFSETS[0],
          "committed " + committed);
    }
  }

  @Test
  void ignoreModeCountsAndLogsEveryRecordItDrops() {
    try (LogCapture logs = LogCapture.start();
        TaskHarness<TablestoreSinkTask> harness =
            TaskHarness.withoutReporter(new TablestoreSinkTask(), props("ignore"))) {
      harness.open(P0);
      List<SinkRecord> records = BadRecords.batch();
      harness.put(records);
      BadRecords.awaitCommitted(harness, records.size());
      List<LogCapture.Line> dropped =
          logs.lines(line -> line.message().contains("sent to ignore (counted and logged)"));
      assertEquals(2, dropped.size(), "the two records mapping refuses: " + dropped);
      assertTrue(dropped.get(1).message().contains("(2 so far)"), dropped.get(1).message());
    }
    assertNull(tableOrNull("orders_errors"), "ignore mode writes no error table");
  }

  List<Row> readAll(String table) {
    SyncClient client = server.syncClient();
    try {
      return TablestoreRows.readAll(client, table);
    } finally {
      client.shutdown();
    }
  }

  Object tableOrNull(String table) {
    SyncClient client = server.syncClient();
    try {
      return client.listTable().getTableNames().contains(table) ? table : null;
    } finally {
      client.shutdown();
    }
  }

  static String text(Row row, String column) {
    Column cell = row.getLatestColumn(column);
    Object value = cell.getValue().getValue();
    return value instanceof byte[] bytes ? text(bytes) : value.toString();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** value, value_2, value_3... concatenated, as a reader of the error table does. */
  static byte[] chunks(Row row, String column) {
    List<byte[]> parts = new ArrayList<>();
    for (int part = 1; ; part++) {
      Column cell = row.getLatestColumn(part == 1 ? column : column + "_" + part);
      if (cell == null) {
        break;
      }
      parts.add(cell.getValue().asBinary());
    }
    int size = parts.stream().mapToInt(p -> p.length).sum();
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
