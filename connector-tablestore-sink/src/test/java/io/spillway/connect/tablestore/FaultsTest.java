package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Tablestore failing for a while: every record ends up written, offsets never pass an unwritten
 * one, and only the rows that failed are written again. The task is driven as a worker drives it: a
 * batch whose put throws a retriable error is delivered again after the task's timeout.
 */
class FaultsTest {
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("id", Schema.STRING_SCHEMA)
          .field("n", Schema.INT64_SCHEMA)
          .build();
  static final TopicPartition TP = new TopicPartition("busy", 0);

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  Map<String, String> props(String topic) {
    Map<String, String> props = TablestoreSinks.keyedById(server, topic);
    props.put("max.retries", "30");
    props.put("retry.backoff.ms", "100");
    return props;
  }

  static List<SinkRecord> batch(String topic, int from, int count) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      records.add(
          record(
              topic,
              0,
              i,
              null,
              null,
              VALUE,
              new Struct(VALUE).put("id", id(i)).put("n", (long) i)));
    }
    return records;
  }

  static String id(int i) {
    return String.format("r%04d", i);
  }

  /** Delivers a batch until the task takes it, waiting the timeout it asks for. */
  static void deliver(TaskHarness<TablestoreSinkTask> harness, List<SinkRecord> batch)
      throws InterruptedException {
    while (true) {
      try {
        harness.put(batch);
        return;
      } catch (RetriableException e) {
        Thread.sleep(
            harness.timeouts.isEmpty()
                ? 100
                : Math.min(harness.timeouts.get(harness.timeouts.size() - 1), 1000));
      }
    }
  }

  @Test
  void serverBusyForSecondsThenHealthyLosesNothing() throws Exception {
    Duration busy = Duration.ofSeconds(8);
    List<Long> commitsDuringOutage = new ArrayList<>();
    long outageEnds;
    try (TaskHarness<TablestoreSinkTask> harness = TablestoreSinks.harness(props("busy"), "busy")) {
      deliver(harness, batch("busy", 0, 100));
      assertEquals(100, harness.flushAndCommit().get(TP).offset());
      server.faults().serverBusyFor(busy);
      outageEnds = System.nanoTime() + busy.toNanos();
      for (int b = 1; b < 10; b++) {
        deliver(harness, batch("busy", b * 100, 100));
        OffsetAndMetadata committed = harness.commit().get(TP);
        if (System.nanoTime() < outageEnds) {
          commitsDuringOutage.add(committed.offset());
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        deliver(harness, List.of());
        if (harness.commit().get(TP).offset() == 1000) {
          break;
        }
        Thread.sleep(50);
      }
      assertEquals(1000, harness.commit().get(TP).offset());
    }
    assertTrue(server.requests("BatchWriteRow") > 10, "the outage was seen by the writes");
    assertTrue(!commitsDuringOutage.isEmpty(), "the outage lasted over commits");
    // During the outage nothing past the first, written batch was committed.
    commitsDuringOutage.forEach(offset -> assertEquals(100L, offset));
    List<Map<String, Object>> rows = rows(server, "busy");
    assertEquals(1000, rows.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(Map.of("id", id(i), "n", (long) i), rows.get(i));
    }
  }

  @Test
  void onlyTheRowsThatFailedInABatchAreWrittenAgain() throws Exception {
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    List<String> failing = List.of(id(3), id(7));
    server
        .faults()
        .failRows(
            key -> {
              String id = key.getPrimaryKeyColumn("id").getValue().asString();
              int times = seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
              return failing.contains(id) && times <= 2;
            },
            "OTSServerBusy",
            "server is busy");
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("partial"), "partial")) {
      deliver(harness, batch("partial", 0, 10));
      TopicPartition tp = new TopicPartition("partial", 0);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (KeyOrderTest.committed(harness, tp) < 10 && System.nanoTime() < deadline) {
        deliver(harness, List.of());
        Thread.sleep(20);
      }
      assertEquals(10, harness.commit().get(tp).offset());
      assertTrue(harness.reported.isEmpty());
    }
    for (int i = 0; i < 10; i++) {
      int expected = failing.contains(id(i)) ? 3 : 1;
      assertEquals(expected, seen.get(id(i)).get(), "writes of " + id(i));
    }
    assertEquals(10, rows(server, "partial").size());
  }

  @Test
  void droppedConnectionsAndLostRepliesAreWrittenAgain() throws Exception {
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("network"), "network")) {
      TopicPartition tp = new TopicPartition("network", 0);
      deliver(harness, batch("network", 0, 50));
      harness.flushAndCommit();
      server.faults().dropConnections(2); // refused before they are processed
      deliver(harness, batch("network", 50, 50));
      harness.flushAndCommit();
      server.faults().dropReplies(2); // processed, but the client never hears back
      deliver(harness, batch("network", 100, 50));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (harness.commit().get(tp).offset() < 150 && System.nanoTime() < deadline) {
        deliver(harness, List.of());
        Thread.sleep(20);
      }
      assertEquals(150, harness.commit().get(tp).offset());
      assertTrue(harness.reported.isEmpty(), harness.reported.toString());
    }
    List<Map<String, Object>> rows = rows(server, "network");
    assertEquals(150, rows.size());
    for (int i = 0; i < 150; i++) {
      assertEquals(Map.of("id", id(i), "n", (long) i), rows.get(i));
    }
  }
}
