package io.spillway.connect.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives one source task the way a worker does (initialize, start, poll, commitRecord, commit,
 * stop) without a Connect cluster. Its offset store is a map: seed it to test a task that resumes,
 * and read it to see what a worker would have committed. The matching fake of {@link TaskHarness}.
 */
public final class SourceTaskHarness<T extends SourceTask> implements AutoCloseable {
  /** The worker's offset store: source partition → source offset, as committed so far. */
  public final Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();

  public final T task;
  private final Map<String, String> props;
  private long nextOffset;

  public SourceTaskHarness(T task, Map<String, String> props) {
    this(task, props, Map.of());
  }

  /** A harness whose offset store already holds {@code storedOffsets}, as after a restart. */
  public SourceTaskHarness(
      T task, Map<String, String> props, Map<Map<String, ?>, Map<String, Object>> storedOffsets) {
    this.task = task;
    this.props = new HashMap<>(props);
    offsets.putAll(storedOffsets);
    task.initialize(new Context());
    task.start(this.props);
  }

  /** One poll; an empty list when the task returned null (nothing to send yet). */
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> records = task.poll();
    return records == null ? List.of() : records;
  }

  /**
   * What the worker does once the producer has acknowledged the records: {@code commitRecord} for
   * each, their offsets into the offset store, then {@code commit}.
   */
  public void acknowledge(Collection<SourceRecord> records) throws InterruptedException {
    for (SourceRecord record : records) {
      int partition = record.kafkaPartition() == null ? 0 : record.kafkaPartition();
      task.commitRecord(
          record,
          new RecordMetadata(
              new TopicPartition(record.topic(), partition), nextOffset++, 0, 0L, -1, -1));
      if (record.sourcePartition() != null && record.sourceOffset() != null) {
        offsets.put(record.sourcePartition(), new HashMap<>(record.sourceOffset()));
      }
    }
    task.commit();
  }

  @Override
  public void close() {
    task.stop();
  }

  private final class Context implements SourceTaskContext {
    @Override
    public Map<String, String> configs() {
      return props;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <V> Map<String, Object> offset(Map<String, V> partition) {
          return offsets.get(partition);
        }

        @Override
        public <V> Map<Map<String, V>, Map<String, Object>> offsets(
            Collection<Map<String, V>> partitions) {
          Map<Map<String, V>, Map<String, Object>> found = new HashMap<>();
          for (Map<String, V> partition : partitions) {
            found.put(partition, offsets.get(partition));
          }
          return found;
        }
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }
  }

  /** Records of all the polls until one returns nothing, at most {@code maxPolls}. */
  public List<SourceRecord> pollUntilIdle(int maxPolls) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    for (int i = 0; i < maxPolls; i++) {
      List<SourceRecord> records = poll();
      if (records.isEmpty()) {
        break;
      }
      all.addAll(records);
    }
    return all;
  }
}
