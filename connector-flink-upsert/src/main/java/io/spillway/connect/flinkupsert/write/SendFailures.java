package io.spillway.connect.flinkupsert.write;

import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.ErrantRecords;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a change the producer gave up on means. A record the target can never take (too large,
 * invalid) goes to the error policy. A transient failure (the producer's delivery timeout ran out)
 * rewinds the change's input partitions to their committed watermark and drops their window state,
 * so the replay rewrites every later change in order: an old change is never resent after a newer
 * one. Anything else (authorization, fencing) fails the task with the reason.
 */
public final class SendFailures {
  private static final Logger log = LoggerFactory.getLogger(SendFailures.class);

  private final AckedOffsets acks;
  private final ErrantRecords errant;
  private final Map<TopicPartition, Long> firstTracked;

  /**
   * @param firstTracked per partition, the first offset tracked since it was assigned or rewound
   *     (the watermark of a partition none of whose records settled yet); the task fills it
   */
  public SendFailures(
      AckedOffsets acks, ErrantRecords errant, Map<TopicPartition, Long> firstTracked) {
    this.acks = acks;
    this.errant = errant;
    this.firstTracked = firstTracked;
  }

  /** Handles the failures; returns the partitions it rewound (their records come again). */
  public Set<TopicPartition> handle(
      List<UpsertWriter.Failed> failed, ReductionWindow window, SinkTaskContext context) {
    Set<TopicPartition> rewind = new HashSet<>();
    for (UpsertWriter.Failed failure : failed) {
      Exception error = failure.error();
      UpsertChange change = failure.change();
      if (error instanceof RecordTooLargeException
          || error instanceof RecordBatchTooLargeException
          || error instanceof InvalidRecordException) {
        errant.report(
            change.record(), "the target refused the change: " + error.getMessage(), error);
        errant.awaitReported();
        change.settles().forEach(Pending::ack);
      } else if (error instanceof RetriableException) {
        change.settles().forEach(pending -> rewind.add(partition(pending.record())));
      } else {
        throw new ConnectException(
            "Writing to target topic " + change.topic() + " failed: " + error, error);
      }
    }
    if (rewind.isEmpty()) {
      return rewind;
    }
    // Dropped window changes may settle records of further partitions: rewind those too.
    int before;
    do {
      before = rewind.size();
      window
          .drainIf(rewind)
          .forEach(change -> change.settles().forEach(p -> rewind.add(partition(p.record()))));
    } while (rewind.size() > before);
    Map<TopicPartition, OffsetAndMetadata> committable = acks.committable();
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition tp : rewind) {
      OffsetAndMetadata watermark = committable.get(tp);
      Long offset = watermark != null ? Long.valueOf(watermark.offset()) : firstTracked.get(tp);
      if (offset != null) {
        offsets.put(tp, offset);
      }
    }
    acks.forget(rewind);
    firstTracked.keySet().removeAll(rewind);
    context.offset(offsets);
    log.warn(
        "Sending to the target failed ({}); rewinding {} to replay every later change in order",
        failed.isEmpty() ? "" : String.valueOf(failed.get(0).error()),
        offsets);
    return rewind;
  }

  private static TopicPartition partition(SinkRecord record) {
    return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
  }
}
