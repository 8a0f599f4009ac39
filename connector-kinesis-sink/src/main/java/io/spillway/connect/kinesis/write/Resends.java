package io.spillway.connect.kinesis.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RetryPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;

/**
 * Records the KPL gave up on, waiting to be put again: each after its own backoff, doubling per
 * attempt ({@link RetryPolicy}). A record stays here, holding back its partition's offset, until a
 * put of it is acknowledged. Past {@code max.retries} attempts it is still put again (at the
 * longest backoff), and {@link #exhausted()} tells the task to stop taking new records.
 */
public final class Resends {
  private record Waiting(Pending pending, long dueAt) {}

  private final RetryPolicy policy;
  private final Time time;
  private final Map<Pending, Integer> attempts = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Pending> failedAgain = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Waiting> waiting =
      new PriorityQueue<>((a, b) -> Long.compare(a.dueAt(), b.dueAt()));

  public Resends(RetryPolicy policy, Time time) {
    this.policy = policy;
    this.time = time;
  }

  /** Schedules records whose put failed; returns how many of them are past the retry budget. */
  public int failed(Collection<Pending> failed) {
    int overBudget = 0;
    for (Pending pending : failed) {
      int attempt = attempts.merge(pending, 1, Integer::sum);
      if (attempt > policy.maxRetries()) {
        overBudget++;
      }
      waiting.add(new Waiting(pending, time.milliseconds() + policy.backoffMillis(attempt)));
    }
    return overBudget;
  }

  /** The records whose backoff has ended, to put again now. */
  public List<Pending> due() {
    List<Pending> due = new ArrayList<>();
    long now = time.milliseconds();
    while (!waiting.isEmpty() && waiting.peek().dueAt() <= now) {
      due.add(waiting.poll().pending());
    }
    return due;
  }

  /** Milliseconds until the next record is due, or -1 when none waits. */
  public long nextDueInMillis() {
    return waiting.isEmpty() ? -1 : Math.max(0, waiting.peek().dueAt() - time.milliseconds());
  }

  /**
   * Settles a failed put of a record: its first failure goes to {@link Pending#fail}, a failed
   * resend comes back here (AckedOffsets takes a record's failure once), for {@link
   * #failedAgain()}. Callable on any thread.
   */
  public void putFailed(Pending pending, Throwable error) {
    if (attempts.containsKey(pending)) {
      failedAgain.add(pending);
    } else {
      pending.fail(error);
    }
  }

  /** Resent records whose put failed again since the last call. */
  public List<Pending> failedAgain() {
    List<Pending> taken = new ArrayList<>();
    for (Pending pending; (pending = failedAgain.poll()) != null; ) {
      taken.add(pending);
    }
    return taken;
  }

  /** A put of the record was acknowledged (callable on any thread). */
  public void written(Pending pending) {
    attempts.remove(pending);
  }

  /** True while a record past {@code max.retries} attempts is still not written. */
  public boolean exhausted() {
    return attempts.values().stream().anyMatch(attempt -> attempt > policy.maxRetries());
  }

  /** Records waiting for their backoff to end. */
  public int waiting() {
    return waiting.size();
  }

  /** Drops the records of revoked partitions: their next owner reads them again. */
  public void forget(Collection<TopicPartition> revoked) {
    Set<TopicPartition> gone = new HashSet<>(revoked);
    waiting.removeIf(entry -> gone.contains(partition(entry.pending())));
    attempts.keySet().removeIf(pending -> gone.contains(partition(pending)));
    failedAgain.removeIf(pending -> gone.contains(partition(pending)));
  }

  private static TopicPartition partition(Pending pending) {
    return new TopicPartition(
        pending.record().originalTopic(), pending.record().originalKafkaPartition());
  }
}
