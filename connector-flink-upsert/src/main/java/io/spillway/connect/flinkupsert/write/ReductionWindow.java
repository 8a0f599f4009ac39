package io.spillway.connect.flinkupsert.write;

import io.spillway.connect.common.sink.ReducingBuffer;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One flush window of Flink's {@code sink.buffer-flush.*}: the last change per target key; a
 * replaced change hands its records to the change that replaced it, so they settle together.
 */
public final class ReductionWindow {
  private final ReducingBuffer<UpsertChange> buffer = new ReducingBuffer<>();
  private final int maxKeys;
  private final long intervalMs;
  private long openedAt = -1;

  public ReductionWindow(int maxKeys, long intervalMs) {
    this.maxKeys = maxKeys;
    this.intervalMs = intervalMs;
  }

  public void add(UpsertChange change, long now) {
    if (buffer.isEmpty()) {
      openedAt = now;
    }
    UpsertChange replaced = buffer.add(change.reductionKey(), change);
    if (replaced != null) {
      change.supersede(replaced);
    }
  }

  /** Whether the window is due: max distinct keys reached or the interval passed. */
  public boolean full(long now) {
    return !buffer.isEmpty() && (buffer.size() >= maxKeys || now - openedAt >= intervalMs);
  }

  /** Milliseconds until the window is due by time, or -1 when it is empty. */
  public long dueInMillis(long now) {
    return buffer.isEmpty() ? -1 : Math.max(0, openedAt + intervalMs - now);
  }

  /** The reduced changes, in the order their keys last changed; the window is empty after. */
  public List<UpsertChange> drain() {
    List<UpsertChange> changes = buffer.changes();
    buffer.clear();
    return changes;
  }

  /** Drops the changes that settle records of these partitions (revoked or rewound). */
  public void drop(Collection<TopicPartition> partitions) {
    drainIf(partitions);
  }

  /** Removes and returns the changes that settle records of these partitions. */
  public List<UpsertChange> drainIf(Collection<TopicPartition> partitions) {
    List<UpsertChange> dropped = new java.util.ArrayList<>();
    buffer.removeIf(
        change -> {
          if (change.touches(partitions)) {
            dropped.add(change);
            return true;
          }
          return false;
        });
    return dropped;
  }

  public int size() {
    return buffer.size();
  }

  /** Changes added since the last drain, before reduction. */
  public long received() {
    return buffer.received();
  }
}
