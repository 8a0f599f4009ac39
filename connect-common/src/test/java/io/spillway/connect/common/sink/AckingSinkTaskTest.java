package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TaskHarness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.junit.jupiter.api.Test;

/** A sink whose client acknowledges each record later, as the KPL or a KafkaProducer does. */
class AckingSinkTaskTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  /** Hands every record to a "client" (a list of pending sends the test settles). */
  static final class AckingSink extends SinkTask {
    final List<AckedOffsets.Pending> sent = new ArrayList<>();
    private final AckedOffsets acks = new AckedOffsets();
    private ErrantRecords errant;

    @Override
    public void start(Map<String, String> props) {
      errant = ErrantRecords.forTask(context, ErrantRecords.tolerance(props));
    }

    @Override
    public void put(Collection<SinkRecord> records) {
      for (SinkRecord record : records) {
        AckedOffsets.Pending pending = acks.track(record);
        if (pending != null) {
          sent.add(pending); // client.send(record, callback -> pending.ack() / pending.fail(e))
        }
      }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(
        Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
      acks.reportFailures(errant);
      return acks.committable();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
      acks.forget(partitions);
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "test";
    }
  }

  private static SinkRecord record(TopicPartition partition, long offset) {
    return new SinkRecord(
        partition.topic(), partition.partition(), null, null, Schema.STRING_SCHEMA, "v", offset);
  }

  @Test
  void commitsPartialAcknowledgementsAndReportsExactlyTheFailedRecords() {
    try (TaskHarness<AckingSink> h =
        new TaskHarness<>(new AckingSink(), Map.of("errors.tolerance", "all"))) {
      h.open(P0, P1);
      h.put(List.of(record(P0, 0), record(P0, 1), record(P0, 2), record(P1, 0), record(P1, 1)));
      List<AckedOffsets.Pending> sent = h.task.sent;

      sent.get(0).ack();
      sent.get(2).ack();
      sent.get(4).ack();
      assertEquals(Map.of(P0, new OffsetAndMetadata(1)), h.commit());

      sent.get(1).fail(new IllegalStateException("rejected by the stream"));
      sent.get(3).ack();
      assertEquals(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(2)), h.commit());
      assertEquals(1, h.reported.size());
      assertEquals(1L, h.reported.get(0).record().kafkaOffset());
    }
  }

  @Test
  void aRevokedPartitionWithRecordsInFlightCommitsNothingOfThem() {
    try (TaskHarness<AckingSink> h =
        new TaskHarness<>(new AckingSink(), Map.of("errors.tolerance", "all"))) {
      h.open(P0, P1);
      h.put(List.of(record(P0, 0), record(P1, 0), record(P1, 1)));
      List<AckedOffsets.Pending> sent = h.task.sent;
      sent.get(1).ack();

      Map<TopicPartition, OffsetAndMetadata> atRevoke = h.revoke(P1);
      assertEquals(Map.of(P1, new OffsetAndMetadata(1)), atRevoke);
      sent.get(2).fail(new IllegalStateException("late"));
      sent.get(0).ack();
      assertEquals(Map.of(P0, new OffsetAndMetadata(1)), h.commit());
      assertTrue(h.reported.isEmpty());
    }
  }
}
