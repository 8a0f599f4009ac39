package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * buffer.size counts rows; buffer.max.bytes bounds the bytes a task holds in its writer, so large
 * records cannot fill a worker's heap: put waits for the writer once that many bytes are in flight.
 */
class BufferBoundTest {
  static final Schema BLOB =
      SchemaBuilder.struct()
          .field("id", Schema.STRING_SCHEMA)
          .field("pad", Schema.STRING_SCHEMA)
          .build();
  static final int RECORDS = 40;
  static final int PAD = 16 * 1024;

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  @Test
  void putWaitsForTheWriterOnceBufferMaxBytesAreInFlight() {
    Map<String, String> props = TablestoreSinks.keyedById(server, "blobs");
    // The writer's own timer would not send within the test: only the byte bound drains it.
    props.put("flush.Interval", "600000");
    props.put("buffer.max.bytes", String.valueOf(4 * PAD));
    TopicPartition tp = new TopicPartition("blobs", 0);
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      String id = String.format("blob-%03d", i);
      records.add(
          record(
              "blobs", 0, i, null, null, BLOB, new Struct(BLOB).put("id", id).put("pad", pad(i))));
    }
    try (TaskHarness<TablestoreSinkTask> harness = TablestoreSinks.harness(props, "blobs")) {
      harness.put(records);
      // No flush, no waiting: what put already drained is acknowledged. At most the records
      // after the last drain (fewer than buffer.max.bytes of them) are still in the writer.
      long committed = harness.commit().get(tp).offset();
      assertTrue(committed >= RECORDS - 4, "committed right after put: " + committed);
      assertEquals(RECORDS, harness.flushAndCommit().get(tp).offset());
    }
    List<Map<String, Object>> rows = rows(server, "blobs");
    assertEquals(RECORDS, rows.size());
    for (int i = 0; i < RECORDS; i++) {
      assertEquals(pad(i), rows.get(i).get("pad"), "row " + i);
    }
  }

  private static String pad(int i) {
    return String.valueOf((char) ('a' + i % 26)).repeat(PAD);
  }
}
