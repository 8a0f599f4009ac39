package io.spillway.connect.common.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Which offsets a sink may commit when its client acknowledges each record asynchronously (KPL
 * futures, {@code KafkaProducer} callbacks, Tablestore callbacks). The task {@link #track}s every
 * record it hands to the client; the client's callback settles it ({@link Pending#ack} or {@link
 * Pending#fail}). Per partition, Connect gets only the offset of the first record not settled yet
 * (a watermark), so an acknowledgement out of order never commits a record still in flight. Failed
 * records wait for the task thread: it resends them or reports them ({@link #reportFailures}).
 * Thread-safe: callbacks come on the client's threads. For batch sinks, {@link SinkOffsets} does.
 */
public final class AckedOffsets {
  private final Map<TopicPartition, Partition> partitions = new HashMap<>();
  private final List<Pending> failures = new ArrayList<>();
  private int inFlight;
  private long inFlightBytes;

  /** One record handed to the client, settled by its callback. */
  public final class Pending {
    private final SinkRecord record;
    private final Partition partition;
    private final long size;
    private boolean settled;
    private boolean failed;
    private Throwable error;

    private Pending(SinkRecord record, Partition partition) {
      this.record = record;
      this.partition = partition;
      this.size = RecordSize.estimate(record);
    }

    public SinkRecord record() {
      return record;
    }

    /** Why the last write failed, or null. */
    public Throwable error() {
      synchronized (AckedOffsets.this) {
        return error;
      }
    }

    /** The record is durably written (or, after a failure, resent and written). */
    public void ack() {
      synchronized (AckedOffsets.this) {
        settle();
      }
    }

    /** The write failed: the record waits for the task thread in {@link #failures()}. */
    public void fail(Throwable cause) {
      synchronized (AckedOffsets.this) {
        if (settled || failed || partition.forgotten) {
          return;
        }
        failed = true;
        error = cause;
        failures.add(this);
      }
    }

    // Called with the lock held.
    private void settle() {
      if (settled) {
        return;
      }
      settled = true;
      if (failed) {
        failures.remove(this);
        failed = false;
      }
      if (!partition.forgotten) {
        inFlight--;
        inFlightBytes -= size;
      }
    }
  }

  private static final class Partition {
    final ArrayDeque<Pending> pending = new ArrayDeque<>();
    long lastTracked = -1;
    long committable = -1;
    boolean forgotten;
  }

  /**
   * Registers a record about to be handed to the client, in offset order per partition.
   *
   * @return its handle for the callback, or null for a redelivery of a record already tracked
   *     (after {@code put} threw a retriable error): do not send it again
   */
  public synchronized Pending track(SinkRecord record) {
    TopicPartition key =
        new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    Partition partition = partitions.computeIfAbsent(key, p -> new Partition());
    if (record.originalKafkaOffset() <= partition.lastTracked) {
      return null;
    }
    partition.lastTracked = record.originalKafkaOffset();
    Pending pending = new Pending(record, partition);
    partition.pending.addLast(pending);
    inFlight++;
    inFlightBytes += pending.size;
    return pending;
  }

  /**
   * Takes back the record tracked last in its partition when the task could not hand it to the
   * client after all ({@code put} is about to throw a retriable error, e.g. a schema registry is
   * unreachable): Connect redelivers it, and {@link #track} then takes it again instead of skipping
   * it as already sent. A late {@link Pending#ack} of the handle is ignored.
   *
   * @throws IllegalStateException when {@code pending} is not the last record tracked in its
   *     partition or is settled already
   */
  public synchronized void untrack(Pending pending) {
    Partition partition = pending.partition;
    if (partition.forgotten) {
      return; // revoked meanwhile: the next owner reads it again anyway
    }
    if (pending.settled || partition.pending.peekLast() != pending) {
      throw new IllegalStateException(
          "only the last unsettled record of a partition can be untracked");
    }
    partition.pending.removeLast();
    // Any offset below it: redeliveries of earlier records are still skipped, this one is taken.
    partition.lastTracked = pending.record.originalKafkaOffset() - 1;
    failures.remove(pending);
    pending.settled = true;
    inFlight--;
    inFlightBytes -= pending.size;
  }

  /** Per partition, the offset below the first record not settled: safe to commit now. */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach(
        (key, partition) -> {
          while (!partition.pending.isEmpty() && partition.pending.peekFirst().settled) {
            partition.committable =
                partition.pending.removeFirst().record.originalKafkaOffset() + 1;
          }
          if (partition.committable >= 0) {
            offsets.put(key, new OffsetAndMetadata(partition.committable));
          }
        });
    return offsets;
  }

  /**
   * Takes the records whose writes failed since the last call; each stays unsettled (holding back
   * its partition's offset) until the task resends it and the client acks, or reports it. A resend
   * that fails again calls {@link Pending#fail} again and is taken by the next call.
   */
  public synchronized List<Pending> failures() {
    List<Pending> taken = new ArrayList<>(failures);
    failures.clear();
    // Taken records are out of the failure list: a resend that fails again must be seen again.
    taken.forEach(pending -> pending.failed = false);
    return taken;
  }

  /**
   * Sends every failed record to the error policy: the task fails on the first under {@code
   * errors.tolerance=none} (naming its position), else they go to the dead letter queue and, once
   * it has them, count as settled.
   */
  public void reportFailures(ErrantRecords errant) {
    List<Pending> failed = failures();
    for (Pending pending : failed) {
      Throwable error = pending.error();
      String reason = error == null ? "the write failed" : String.valueOf(error.getMessage());
      errant.report(pending.record, reason, error);
    }
    errant.awaitReported();
    failed.forEach(Pending::ack);
  }

  /**
   * Forgets revoked partitions: their records in flight are never committed here (the next owner
   * reads them again) and their late callbacks are ignored.
   */
  public synchronized void forget(Collection<TopicPartition> revoked) {
    for (TopicPartition key : revoked) {
      Partition partition = partitions.remove(key);
      if (partition == null) {
        continue;
      }
      partition.forgotten = true;
      for (Pending pending : partition.pending) {
        if (!pending.settled) {
          inFlight--;
          inFlightBytes -= pending.size;
        }
      }
      failures.removeIf(pending -> pending.partition == partition);
    }
  }

  /** Records handed to the client and not settled yet. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** Estimated bytes of those records ({@link RecordSize}), e.g. to bound a client's backlog. */
  public synchronized long inFlightBytes() {
    return inFlightBytes;
  }
}
