package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A commit does not wait for rows in flight (it commits what is acknowledged), but a revocation
 * does: once close returns, no row of the revoked partitions is on its way, so none can land after
 * the next owner's newer row of its key.
 */
class CommitInFlightTest {
  /** Longer than anything the test does while a slow request is on its way. */
  static final Duration SLOW = Duration.ofSeconds(5);

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  static SinkRecord row(String topic, int partition, long offset, String id, long n) {
    return record(
        topic,
        partition,
        offset,
        null,
        null,
        FaultsTest.VALUE,
        new Struct(FaultsTest.VALUE).put("id", id).put("n", n));
  }

  /** Waits until a BatchWriteRow request beyond the first {@code before} reached the server. */
  void awaitRequestBeyond(long before) {
    Await.until(
        Duration.ofSeconds(30),
        "a BatchWriteRow request in flight",
        () -> server.requests("BatchWriteRow") > before);
  }

  @Test
  void preCommitReturnsWhatIsAcknowledgedWithoutWaitingForABatchInFlight() {
    TopicPartition tp = new TopicPartition("slow", 0);
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(TablestoreSinks.keyedById(server, "slow"), "slow")) {
      List<SinkRecord> first = new ArrayList<>();
      List<SinkRecord> second = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        (i < 10 ? first : second).add(row("slow", 0, i, FaultsTest.id(i), i));
      }
      harness.put(first);
      assertEquals(10, harness.flushAndCommit().get(tp).offset());

      server.faults().slowReplies(SLOW);
      long before = server.requests("BatchWriteRow");
      harness.put(second);
      awaitRequestBeyond(before); // sent on flush.Interval, its reply SLOW away
      // Waiting for the batch would have committed 20.
      assertEquals(10, harness.commit().get(tp).offset(), "only what is acknowledged");

      server.faults().clear();
      Await.value(
          Duration.ofSeconds(30),
          "a later commit covering the batch once it is answered",
          () -> harness.commit().get(tp).offset(),
          offset -> offset == 20);
    }
    List<Map<String, Object>> rows = rows(server, "slow");
    assertEquals(20, rows.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(Map.of("id", FaultsTest.id(i), "n", (long) i), rows.get(i));
    }
  }

  @ParameterizedTest(name = "reply lost={0}")
  @ValueSource(booleans = {false, true})
  void closeReturnsOnlyOnceTheRevokedPartitionsRowsAreAnswered(boolean replyLost) {
    String topic = "moved";
    TopicPartition p0 = new TopicPartition(topic, 0);
    Map<String, String> props = TablestoreSinks.keyedById(server, topic);
    try (TaskHarness<TablestoreSinkTask> owner = TablestoreSinks.harness(props, topic)) {
      owner.put(List.of(row(topic, 1, 0, "other", 0)));
      assertEquals(1, owner.flushAndCommit().get(new TopicPartition(topic, 1)).offset());

      server.faults().slowReplies(SLOW);
      if (replyLost) {
        server.faults().dropReplies(1); // written, then the connection closes without a reply
      }
      long before = server.requests("BatchWriteRow");
      owner.put(List.of(row(topic, 0, 0, "k", 1)));
      awaitRequestBeyond(before);

      Map<TopicPartition, OffsetAndMetadata> committed = owner.revoke(p0);
      server.faults().clear(); // from here on requests are answered at once
      assertNull(committed.get(p0), "the commit before close did not wait for the row");
      assertEquals(
          Map.of("id", "k", "n", 1L),
          rowOf(topic, "k"),
          "the revoked partition's row landed before close returned");

      // The next owner starts at the committed offset: the row again, then a newer one of key k.
      try (TaskHarness<TablestoreSinkTask> next =
          new TaskHarness<>(new TablestoreSinkTask(), props)) {
        next.open(p0);
        next.put(List.of(row(topic, 0, 0, "k", 1), row(topic, 0, 1, "k", 2)));
        assertEquals(2, next.flushAndCommit().get(p0).offset());
      }
    } // the first owner stops here: anything of its own still on its way would land now
    assertEquals(Map.of("id", "k", "n", 2L), rowOf(topic, "k"), "the newer write wins");
    assertEquals(Map.of("id", "other", "n", 0L), rowOf(topic, "other"));
  }

  Map<String, Object> rowOf(String topic, String id) {
    return rows(server, topic).stream()
        .filter(row -> row.get("id").equals(id))
        .findFirst()
        .orElse(null);
  }
}
