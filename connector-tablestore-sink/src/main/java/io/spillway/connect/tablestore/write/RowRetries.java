package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RetryPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;

/**
 * Rows whose write failed with a retriable error, each waiting out its backoff (doubling from
 * retry.backoff.ms per attempt of that row, at most a minute). Task thread only.
 */
public final class RowRetries {
  private record Waiting(Pending pending, long dueMs) {}

  private final RetryPolicy policy;
  private final Time time;
  private final List<Waiting> waiting = new ArrayList<>();
  // Weak: a row's attempt count goes away with its Pending once it is written.
  private final Map<Pending, Integer> attempts = new WeakHashMap<>();

  public RowRetries(RetryPolicy policy, Time time) {
    this.policy = policy;
    this.time = time;
  }

  /**
   * Schedules a failed row again.
   *
   * @return false when the row has used up max.retries (it is not scheduled)
   */
  public boolean failed(Pending pending) {
    int attempt = attempts.merge(pending, 1, Integer::sum);
    if (attempt > policy.maxRetries()) {
      return false;
    }
    waiting.add(new Waiting(pending, time.milliseconds() + policy.backoffMillis(attempt)));
    return true;
  }

  /** Takes the rows whose backoff has ended, in the order they failed. */
  public List<Pending> due() {
    long now = time.milliseconds();
    List<Pending> due = new ArrayList<>();
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      Waiting next = it.next();
      if (next.dueMs() <= now) {
        due.add(next.pending());
        it.remove();
      }
    }
    return due;
  }

  public int waiting() {
    return waiting.size();
  }

  /** Milliseconds until the next row is due (0 when one is due now), or -1 when none waits. */
  public long nextDueInMillis() {
    long now = time.milliseconds();
    long next = -1;
    for (Waiting row : waiting) {
      long in = Math.max(0, row.dueMs() - now);
      next = next < 0 ? in : Math.min(next, in);
    }
    return next;
  }

  /** Attempts so far of a row. */
  public int attempts(Pending pending) {
    return attempts.getOrDefault(pending, 0);
  }

  /** Revoked partitions: their waiting rows are dropped (the next owner writes them). */
  public void forget(Collection<TopicPartition> partitions) {
    waiting.removeIf(
        row ->
            partitions.contains(
                new TopicPartition(
                    row.pending().record().originalTopic(),
                    row.pending().record().originalKafkaPartition())));
  }
}
