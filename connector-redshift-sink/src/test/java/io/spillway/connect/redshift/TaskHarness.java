package io.spillway.connect.redshift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Drives one {@link RedshiftSinkTask} the way a worker does (start, put, preCommit, stop) without a
 * Connect cluster, recording what it reports to the dead letter queue and the backoff it asks for.
 */
final class TaskHarness implements AutoCloseable {
  /** A record the task sent to the error policy, with the reason. */
  record Reported(SinkRecord record, Throwable error) {}

  final List<Reported> reported = new ArrayList<>();
  final List<Long> timeouts = new ArrayList<>();
  final RedshiftSinkTask task = new RedshiftSinkTask();
  private final Map<String, String> props;

  TaskHarness(Map<String, String> props) {
    this.props = new HashMap<>(props);
    task.initialize(new Context());
    task.start(this.props);
  }

  void put(Collection<SinkRecord> records) {
    task.put(new ArrayList<>(records));
  }

  /** What the worker would commit now, after the task wrote its buffer. */
  Map<TopicPartition, OffsetAndMetadata> commit() {
    return task.preCommit(Map.of());
  }

  @Override
  public void close() {
    task.stop();
  }

  private final class Context implements SinkTaskContext {
    @Override
    public Map<String, String> configs() {
      return props;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {
      timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
      return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
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
