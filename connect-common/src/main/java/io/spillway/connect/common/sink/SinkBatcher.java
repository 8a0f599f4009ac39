package io.spillway.connect.common.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of a buffering sink task, around the sink's own {@link BatchBuffer}: a task
 * hands it {@code put}, {@code preCommit} and {@code close}. It writes the buffer when it holds
 * {@code batch.size} records or {@code batch.max.bytes} of record data, when its oldest record has
 * waited {@code batch.max.wait.ms}, and before every offset commit; it retries retriable write
 * errors with {@link RetryBackoff}, sends rejected records to {@link ErrantRecords}, and lets
 * Connect commit only offsets whose records are written or reported ({@link SinkOffsets}).
 */
public final class SinkBatcher {
  private static final Logger log = LoggerFactory.getLogger(SinkBatcher.class);

  private final SinkTaskContext context;
  private final BatchLimits limits;
  private final RetryBackoff backoff;
  private final ErrantRecords errant;
  private final BatchBuffer buffer;
  private final Time time;
  private final SinkOffsets offsets = new SinkOffsets();
  // What each partition added since the last write: counts before any reduction by key, so they
  // bound what the buffer holds from above.
  private final Map<TopicPartition, long[]> added = new HashMap<>();
  private long records;
  private long bytes;
  private long oldestBufferedAt;

  public SinkBatcher(
      SinkTaskContext context,
      BatchLimits limits,
      RetryBackoff backoff,
      ErrantRecords errant,
      BatchBuffer buffer,
      Time time) {
    this.context = context;
    this.limits = limits;
    this.backoff = backoff;
    this.errant = errant;
    this.buffer = buffer;
    this.time = time;
  }

  /** The task's {@code put}: buffers each new record, writing whenever the buffer is full. */
  public void put(Collection<SinkRecord> batch) {
    for (SinkRecord record : batch) {
      if (!offsets.accept(record)) {
        continue; // redelivered after a retriable failure: already buffered
      }
      boolean buffered;
      try {
        buffered = buffer.add(record);
      } catch (RejectedRecordException e) {
        errant.report(record, e.getMessage(), e.getCause());
        continue;
      }
      if (buffered) {
        count(record);
        if (limits.full(records, bytes)) {
          flush();
        }
      }
    }
    if (records > 0) {
      long age = time.milliseconds() - oldestBufferedAt;
      long maxWait = limits.maxWait().toMillis();
      // Full already when Connect redelivers a batch whose write failed.
      if (limits.full(records, bytes) || age >= maxWait) {
        flush();
      } else {
        // An idle consumer blocks in poll until the next offset commit (a minute by default):
        // ask to be called again when the oldest buffered record has waited long enough.
        context.timeout(Math.max(1, maxWait - age));
      }
    }
  }

  private void count(SinkRecord record) {
    if (records == 0) {
      oldestBufferedAt = time.milliseconds();
    }
    long size = RecordSize.estimate(record);
    long[] partition =
        added.computeIfAbsent(
            new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
            p -> new long[2]);
    partition[0]++;
    partition[1] += size;
    records++;
    bytes += size;
  }

  /** Writes the whole buffer; afterwards every accepted record is durable or reported. */
  public void flush() {
    backoff.awaitTurn();
    try {
      buffer.write();
    } catch (RetriableException e) {
      throw backoff.failed(e);
    }
    added.clear();
    records = 0;
    bytes = 0;
    errant.awaitReported();
    offsets.allWritten();
    backoff.succeeded();
  }

  /** The task's {@code preCommit}: writes the buffer, then hands over what is durable. */
  public Map<TopicPartition, OffsetAndMetadata> preCommit() {
    // While put() is backing off after a retriable error, it drives the retries; a commit then
    // just hands over what is already written (or, with nothing buffered, what was reported).
    if (!backoff.retrying() || records == 0) {
      try {
        flush();
      } catch (RetriableException e) {
        log.warn("Buffered records not written yet; committing only what is: {}", e.getMessage());
      }
    }
    return offsets.committable();
  }

  /**
   * The task's {@code close}: drops the buffered records of revoked partitions, never committed, so
   * that their next owner reads them again.
   */
  public void close(Collection<TopicPartition> partitions) {
    buffer.drop(new HashSet<>(partitions));
    for (TopicPartition partition : partitions) {
      long[] dropped = added.remove(partition);
      if (dropped != null) {
        records -= dropped[0];
        bytes -= dropped[1];
      }
    }
    offsets.forget(partitions);
  }

  /** Records buffered since the last write, before reduction by key. */
  public long bufferedRecords() {
    return records;
  }

  /** Estimated bytes of the records buffered since the last write ({@link RecordSize}). */
  public long bufferedBytes() {
    return bytes;
  }
}
