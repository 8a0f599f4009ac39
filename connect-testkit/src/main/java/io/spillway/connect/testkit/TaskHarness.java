package io.spillway.connect.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Drives one sink task the way a worker does (initialize, start, open, put, preCommit, close, stop)
 * without a Connect cluster, recording what it reports to the dead letter queue, the backoff it
 * asks for, the offsets it rewinds to and the partitions it pauses.
 */
public final class TaskHarness<T extends SinkTask> implements AutoCloseable {
  /** A record the task sent to the error policy, with the reason. */
  public record Reported(SinkRecord record, Throwable error) {}

  public final List<Reported> reported = new ArrayList<>();
  public final List<Long> timeouts = new ArrayList<>();
  public final Map<TopicPartition, Long> rewinds = new HashMap<>();
  public final Set<TopicPartition> paused = new LinkedHashSet<>();
  public final T task;
  private final Map<String, String> props;
  private final Set<TopicPartition> assignment = new LinkedHashSet<>();
  private final boolean reporterAvailable;
  private int commitRequests;

  public TaskHarness(T task, Map<String, String> props) {
    this(task, props, true);
  }

  /** A harness whose worker has no errant record reporter (Connect before 2.6, or no DLQ). */
  public static <T extends SinkTask> TaskHarness<T> withoutReporter(
      T task, Map<String, String> props) {
    return new TaskHarness<>(task, props, false);
  }

  private TaskHarness(T task, Map<String, String> props, boolean reporterAvailable) {
    this.task = task;
    this.props = new HashMap<>(props);
    this.reporterAvailable = reporterAvailable;
    task.initialize(new Context());
    task.start(this.props);
  }

  /** Assigns partitions, as a rebalance does. */
  public void open(TopicPartition... partitions) {
    List<TopicPartition> list = Arrays.asList(partitions);
    assignment.addAll(list);
    task.open(list);
  }

  /** Revokes partitions, as a rebalance does: the worker commits first, then closes them. */
  public Map<TopicPartition, OffsetAndMetadata> revoke(TopicPartition... partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed = commit();
    List<TopicPartition> list = Arrays.asList(partitions);
    task.close(list);
    list.forEach(assignment::remove);
    return committed;
  }

  public void put(Collection<SinkRecord> records) {
    task.put(new ArrayList<>(records));
  }

  /** What the worker would commit now, after the task wrote its buffer. */
  public Map<TopicPartition, OffsetAndMetadata> commit() {
    return task.preCommit(Map.of());
  }

  /**
   * The task's {@link SinkTask#flush} (for a task whose preCommit does not wait for its writes:
   * everything handed over is settled first), then {@link #commit}.
   */
  public Map<TopicPartition, OffsetAndMetadata> flushAndCommit() {
    task.flush(Map.of());
    return commit();
  }

  /** How often the task asked for an early commit. */
  public int commitRequests() {
    return commitRequests;
  }

  @Override
  public void close() {
    task.close(new ArrayList<>(assignment));
    task.stop();
  }

  private final class Context implements SinkTaskContext {
    @Override
    public Map<String, String> configs() {
      return props;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
      rewinds.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
      rewinds.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
      timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
      return Set.copyOf(assignment);
    }

    @Override
    public void pause(TopicPartition... partitions) {
      paused.addAll(Arrays.asList(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
      Arrays.asList(partitions).forEach(paused::remove);
    }

    @Override
    public void requestCommit() {
      commitRequests++;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
      if (!reporterAvailable) {
        return null;
      }
      return (record, error) -> {
        reported.add(new Reported(record, error));
        return CompletableFuture.completedFuture(null);
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
