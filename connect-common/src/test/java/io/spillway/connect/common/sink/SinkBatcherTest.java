package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TaskHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The buffering task state machine, driven the way a worker drives it, with no cluster. */
class SinkBatcherTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private static TaskHarness<ControlledBatchSink> harness(String... settings) {
    Map<String, String> props = new HashMap<>();
    props.put("errors.tolerance", "all");
    props.put("batch.max.wait.ms", "60000");
    props.put("retry.backoff.ms", "100");
    props.put("max.retries", "3");
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    TaskHarness<ControlledBatchSink> harness = new TaskHarness<>(new ControlledBatchSink(), props);
    harness.open(P0, P1);
    return harness;
  }

  private static SinkRecord record(TopicPartition partition, long offset, Object value) {
    return new SinkRecord(
        partition.topic(),
        partition.partition(),
        Schema.STRING_SCHEMA,
        "k" + offset,
        null,
        value,
        offset);
  }

  private static List<SinkRecord> records(TopicPartition partition, long from, int count) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < from + count; offset++) {
      records.add(record(partition, offset, "v" + offset));
    }
    return records;
  }

  private static long last(List<Long> timeouts) {
    return timeouts.get(timeouts.size() - 1);
  }

  @Test
  void backoffDoublesKeepsItsWaitAcrossEarlyCallsAndFailsTheTaskAfterTheBudget() {
    try (TaskHarness<ControlledBatchSink> h = harness("batch.size", "2")) {
      ControlledBatchSink sink = h.task;
      sink.down = true;
      List<SinkRecord> batch = records(P0, 0, 2);

      assertThrows(RetriableException.class, () -> h.put(batch));
      assertEquals(100, last(h.timeouts));
      // Connect calls again after 40 ms: no attempt spent, the rest of the wait asked for.
      sink.time.sleep(40);
      assertThrows(RetriableException.class, () -> h.put(batch));
      assertEquals(1, sink.attempts);
      assertEquals(60, last(h.timeouts));
      assertTrue(h.commit().isEmpty(), "nothing is committed while retrying");
      assertEquals(1, sink.attempts, "a commit during the backoff does not retry");

      sink.time.sleep(60);
      assertThrows(RetriableException.class, () -> h.put(batch));
      assertEquals(200, last(h.timeouts));
      sink.time.sleep(200);
      assertThrows(RetriableException.class, () -> h.put(batch));
      assertEquals(400, last(h.timeouts));
      sink.time.sleep(400);
      ConnectException failed = assertThrows(ConnectException.class, () -> h.put(batch));
      assertEquals("Writing to the test destination failed after 3 retries", failed.getMessage());
      assertEquals(4, sink.attempts);
      assertTrue(sink.writes.isEmpty());
    }
  }

  @Test
  void aSuccessfulWriteResetsTheBackoff() {
    try (TaskHarness<ControlledBatchSink> h = harness("batch.size", "1")) {
      ControlledBatchSink sink = h.task;
      sink.down = true;
      List<SinkRecord> first = records(P0, 0, 1);
      assertThrows(RetriableException.class, () -> h.put(first));
      sink.time.sleep(100);
      assertThrows(RetriableException.class, () -> h.put(first));
      assertEquals(200, last(h.timeouts));
      sink.down = false;
      sink.time.sleep(200);
      h.put(first);
      assertEquals(1, sink.written().size());

      sink.down = true;
      assertThrows(RetriableException.class, () -> h.put(records(P0, 1, 1)));
      assertEquals(
          100, last(h.timeouts), "the first retry after a success waits the first backoff");
    }
  }

  @Test
  void aBatchRedeliveredAfterARetryIsWrittenOnceAndCommittedWhole() {
    try (TaskHarness<ControlledBatchSink> h = harness("batch.size", "2")) {
      ControlledBatchSink sink = h.task;
      sink.down = true;
      List<SinkRecord> batch = records(P0, 0, 3);
      // The buffer fills at the second record: the third is not taken yet.
      assertThrows(RetriableException.class, () -> h.put(batch));
      sink.down = false;
      sink.time.sleep(100);
      h.put(batch); // Connect redelivers the whole batch
      h.put(records(P0, 3, 1));

      assertEquals(Map.of(P0, new OffsetAndMetadata(4)), h.commit());
      assertEquals(
          List.of(0L, 1L, 2L, 3L),
          sink.written().stream().map(SinkRecord::kafkaOffset).toList(),
          "every record exactly once, in order");
    }
  }

  @Test
  void aRevokedPartitionsBufferedRecordsAreDroppedNeverCommitted() {
    try (TaskHarness<ControlledBatchSink> h = harness("batch.max.wait.ms", "1000")) {
      ControlledBatchSink sink = h.task;
      h.put(records(P0, 0, 2));
      h.put(records(P1, 0, 3));
      assertEquals(5, sink.batcher.bufferedRecords());
      sink.down = true;

      // The worker commits before it closes: the write fails, so nothing may be committed.
      assertTrue(h.revoke(P1).isEmpty());
      assertEquals(2, sink.batcher.bufferedRecords());

      sink.down = false;
      sink.time.sleep(1_000);
      h.put(List.of());
      assertEquals(List.of(P0, P0), sink.written().stream().map(SinkPartitions::of).toList());
      assertEquals(Map.of(P0, new OffsetAndMetadata(2)), h.commit());

      // Reassigned later, the partition is read again from its committed offset (none): taken anew.
      h.open(P1);
      h.put(records(P1, 0, 3));
      assertEquals(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(3)), h.commit());
    }
  }

  @Test
  void aBufferThatReachesBatchMaxBytesIsWrittenAsAtBatchSize() {
    String value = "x".repeat(10_000);
    long recordSize = RecordSize.estimate(record(P0, 0, value));
    try (TaskHarness<ControlledBatchSink> h =
        harness("batch.size", "1000", "batch.max.bytes", Long.toString(3 * recordSize))) {
      ControlledBatchSink sink = h.task;
      List<SinkRecord> batch = new ArrayList<>();
      for (long offset = 0; offset < 7; offset++) {
        batch.add(record(P0, offset, value));
      }
      h.put(batch);
      assertEquals(List.of(3, 3), sink.writes.stream().map(List::size).toList());
      assertEquals(recordSize, sink.batcher.bufferedBytes());
      assertEquals(Map.of(P0, new OffsetAndMetadata(7)), h.commit());
      assertEquals(List.of(3, 3, 1), sink.writes.stream().map(List::size).toList());
    }
  }

  @Test
  void rejectedRecordsGoToTheDeadLetterQueueAndSkippedOnesAreCommitted() {
    try (TaskHarness<ControlledBatchSink> h = harness()) {
      h.put(List.of(record(P0, 0, "v0"), record(P0, 1, "bad"), record(P0, 2, null)));
      assertEquals(Map.of(P0, new OffsetAndMetadata(3)), h.commit());
      assertEquals(1, h.reported.size());
      assertEquals(1L, h.reported.get(0).record().kafkaOffset());
      assertTrue(h.reported.get(0).error().getMessage().contains("partition 0, offset 1"));
      assertEquals(1, h.task.written().size());
    }
  }

  @Test
  void anIdleBufferAsksToBeCalledWhenItsOldestRecordHasWaited() {
    try (TaskHarness<ControlledBatchSink> h = harness("batch.max.wait.ms", "1000")) {
      ControlledBatchSink sink = h.task;
      h.put(records(P0, 0, 1));
      assertEquals(1000, last(h.timeouts));
      sink.time.sleep(700);
      h.put(List.of());
      assertEquals(300, last(h.timeouts));
      assertTrue(sink.writes.isEmpty());
      sink.time.sleep(300);
      h.put(List.of());
      assertEquals(1, sink.writes.size());
    }
  }

  /** The partition a record was read from. */
  private static final class SinkPartitions {
    static TopicPartition of(SinkRecord record) {
      return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
  }
}
