package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.errors.ErrorTolerance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AckedOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private static SinkRecord record(TopicPartition partition, long offset) {
    return new SinkRecord(
        partition.topic(), partition.partition(), null, null, Schema.STRING_SCHEMA, "v", offset);
  }

  private static List<AckedOffsets.Pending> track(
      AckedOffsets acks, TopicPartition partition, int count) {
    List<AckedOffsets.Pending> pending = new ArrayList<>();
    for (long offset = 0; offset < count; offset++) {
      pending.add(acks.track(record(partition, offset)));
    }
    return pending;
  }

  @Test
  void outOfOrderAcksCommitOnlyBelowTheFirstRecordInFlight() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 4);
    assertTrue(acks.committable().isEmpty());

    sent.get(2).ack();
    sent.get(1).ack();
    assertTrue(acks.committable().isEmpty(), "offset 0 is still in flight");
    sent.get(0).ack();
    assertEquals(Map.of(P0, new OffsetAndMetadata(3)), acks.committable());
    assertEquals(1, acks.inFlight());
    sent.get(3).ack();
    assertEquals(Map.of(P0, new OffsetAndMetadata(4)), acks.committable());
    assertEquals(0, acks.inFlightBytes());
  }

  @Test
  void aFailureInTheMiddleHoldsItsPartitionBackUntilReportedToTheDeadLetterQueue() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 3);
    sent.get(0).ack();
    sent.get(1).fail(new IllegalStateException("throttled"));
    sent.get(2).ack();
    assertEquals(Map.of(P0, new OffsetAndMetadata(1)), acks.committable());

    List<SinkRecord> reported = new ArrayList<>();
    ErrantRecords dlq =
        new ErrantRecords(
            ErrorTolerance.ALL,
            (record, error) -> {
              reported.add(record);
              return java.util.concurrent.CompletableFuture.completedFuture(null);
            });
    acks.reportFailures(dlq);
    assertEquals(List.of(1L), reported.stream().map(SinkRecord::kafkaOffset).toList());
    assertEquals(Map.of(P0, new OffsetAndMetadata(3)), acks.committable());
    assertTrue(acks.failures().isEmpty());
  }

  @Test
  void aFailureFailsTheTaskUnderErrorsToleranceNoneAndIsNeverCommitted() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 2);
    sent.get(0).fail(new IllegalStateException("record too large"));
    sent.get(1).ack();
    ConnectException failed =
        assertThrows(
            ConnectException.class,
            () -> acks.reportFailures(new ErrantRecords(ErrorTolerance.NONE, null)));
    assertTrue(failed.getMessage().contains("partition 0, offset 0: record too large"));
    assertTrue(acks.committable().isEmpty());
  }

  @Test
  void aResentFailureCommitsOnceTheClientAcksIt() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 2);
    sent.get(1).ack();
    sent.get(0).fail(new IllegalStateException("timeout"));
    List<AckedOffsets.Pending> failed = acks.failures();
    assertEquals(List.of(sent.get(0)), failed);
    assertTrue(acks.committable().isEmpty());
    failed.get(0).ack(); // the task resent it and the client acknowledged
    assertEquals(Map.of(P0, new OffsetAndMetadata(2)), acks.committable());
  }

  @Test
  void aResendThatFailsAgainIsTakenAgainAndStillHoldsItsPartitionBack() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 2);
    sent.get(1).ack();
    sent.get(0).fail(new IllegalStateException("timeout"));
    assertEquals(List.of(sent.get(0)), acks.failures());
    sent.get(0).fail(new IllegalStateException("timeout again")); // the resend failed too
    List<AckedOffsets.Pending> again = acks.failures();
    assertEquals(List.of(sent.get(0)), again);
    assertEquals("timeout again", again.get(0).error().getMessage());
    assertTrue(acks.committable().isEmpty());
    again.get(0).ack();
    assertEquals(Map.of(P0, new OffsetAndMetadata(2)), acks.committable());
  }

  @Test
  void aRevokedPartitionsRecordsInFlightAreNeverCommittedAndTheirLateCallbacksIgnored() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> p0 = track(acks, P0, 2);
    List<AckedOffsets.Pending> p1 = track(acks, P1, 2);
    p0.get(0).ack();
    p1.get(0).ack();
    p1.get(1).fail(new IllegalStateException("lost"));

    acks.forget(List.of(P1));
    p0.get(1).ack();
    p1.get(1).ack(); // late callback of a revoked partition
    assertEquals(Map.of(P0, new OffsetAndMetadata(2)), acks.committable());
    assertTrue(acks.failures().isEmpty(), "failures of revoked partitions are not reported");
    assertEquals(0, acks.inFlight());

    // Reassigned, the partition starts again from its committed offset (here none).
    AckedOffsets.Pending again = acks.track(record(P1, 0));
    again.ack();
    assertEquals(
        Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(1)), acks.committable());
  }

  @Test
  void aRedeliveredRecordIsNotTrackedTwice() {
    AckedOffsets acks = new AckedOffsets();
    track(acks, P0, 2);
    assertNull(acks.track(record(P0, 1)));
    assertEquals(2, acks.inFlight());
  }

  @Test
  void anUntrackedRecordIsTakenAgainOnRedeliveryAndHoldsItsPartitionBack() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 3);
    acks.untrack(sent.get(2));
    assertEquals(2, acks.inFlight());
    assertNull(acks.track(record(P0, 1)), "earlier records are still skipped");
    AckedOffsets.Pending again = acks.track(record(P0, 2));
    assertTrue(again != null, "the untracked record is taken again");
    sent.get(2).ack(); // a late ack of the old handle settles nothing
    sent.get(0).ack();
    sent.get(1).ack();
    assertEquals(Map.of(P0, new OffsetAndMetadata(2)), acks.committable());
    again.ack();
    assertEquals(Map.of(P0, new OffsetAndMetadata(3)), acks.committable());
    assertEquals(0, acks.inFlight());
    assertEquals(0, acks.inFlightBytes());
  }

  @Test
  void onlyTheLastRecordOfAPartitionCanBeUntracked() {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 2);
    assertThrows(IllegalStateException.class, () -> acks.untrack(sent.get(0)));
  }

  @Test
  void acksFromManyClientThreadsCommitEveryRecord() throws Exception {
    AckedOffsets acks = new AckedOffsets();
    List<AckedOffsets.Pending> sent = track(acks, P0, 10_000);
    List<AckedOffsets.Pending> shuffled = new ArrayList<>(sent);
    Collections.shuffle(shuffled, new java.util.Random(7));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      for (AckedOffsets.Pending pending : shuffled) {
        clients.execute(
            () -> {
              pending.ack();
              acks.committable(); // the task thread commits meanwhile
            });
      }
    } finally {
      clients.shutdown();
      assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
    }
    assertEquals(Map.of(P0, new OffsetAndMetadata(10_000)), acks.committable());
    assertEquals(0, acks.inFlight());
  }
}
