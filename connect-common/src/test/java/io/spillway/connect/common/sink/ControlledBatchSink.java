package io.spillway.connect.common.sink;

import io.spillway.connect.common.config.CrossFieldConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * The smallest batch sink on the kit: its "destination" is a list, its writes fail while {@link
 * #down} is set, and a record whose value is "bad" is rejected. Time is a MockTime the test moves.
 */
final class ControlledBatchSink extends SinkTask {
  static final String GROUP = "Writes";
  static final ConfigDef CONFIG =
      RetryConfig.define(
          BatchConfig.define(new ConfigDef(), GROUP, 100), GROUP, "test error (destination down)");

  final MockTime time = new MockTime(0, 1_000_000L, 0);

  /** Every successful write, in order: the destination's content. */
  final List<List<SinkRecord>> writes = new ArrayList<>();

  boolean down;
  int attempts;
  SinkBatcher batcher;
  private final List<SinkRecord> buffer = new ArrayList<>();

  private static final class Config extends CrossFieldConfig {
    Config(Map<String, String> props) {
      super(CONFIG, props, true);
    }
  }

  @Override
  public void start(Map<String, String> props) {
    Config config = new Config(props);
    ErrantRecords errant = ErrantRecords.forTask(context, ErrantRecords.tolerance(props));
    RetryBackoff backoff =
        new RetryBackoff(RetryConfig.policy(config), context, time, "the test destination");
    batcher =
        new SinkBatcher(context, BatchConfig.limits(config), backoff, errant, new Buffer(), time);
  }

  private final class Buffer implements BatchBuffer {
    @Override
    public boolean add(SinkRecord record) {
      if ("bad".equals(record.value())) {
        throw new RejectedRecordException("the value is bad");
      }
      if (record.value() == null) {
        return false;
      }
      buffer.add(record);
      return true;
    }

    @Override
    public void write() {
      attempts++;
      if (down) {
        throw new RetriableException("the test destination is down");
      }
      writes.add(List.copyOf(buffer));
      buffer.clear();
    }

    @Override
    public void drop(Set<TopicPartition> partitions) {
      buffer.removeIf(
          r -> partitions.contains(new TopicPartition(r.originalTopic(), r.kafkaPartition())));
    }
  }

  /** Every record written, in write order. */
  List<SinkRecord> written() {
    return writes.stream().flatMap(List::stream).toList();
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    batcher.put(records);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return batcher.preCommit();
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    batcher.close(partitions);
  }

  @Override
  public void stop() {}

  @Override
  public String version() {
    return "test";
  }
}
