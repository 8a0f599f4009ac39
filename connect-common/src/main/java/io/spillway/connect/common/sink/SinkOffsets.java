package io.spillway.connect.common.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Which offsets a buffering sink may let Connect commit. Records are accepted into a buffer once (a
 * batch that Connect redelivers after a retriable failure is recognised and skipped), and an offset
 * becomes committable only when everything accepted up to it is durably written or reported.
 * Positions are those the consumer saw, before transforms renamed topics.
 */
public final class SinkOffsets {
  private final Map<TopicPartition, Long> accepted = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();

  /** True when the record is new; false for a redelivery of a record already buffered. */
  public boolean accept(SinkRecord record) {
    TopicPartition partition =
        new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    Long last = accepted.get(partition);
    if (last != null && record.originalKafkaOffset() <= last) {
      return false;
    }
    accepted.put(partition, record.originalKafkaOffset());
    return true;
  }

  /** Everything accepted so far is written: all of it may be committed. */
  public void allWritten() {
    accepted.forEach(
        (partition, offset) -> durable.put(partition, new OffsetAndMetadata(offset + 1)));
  }

  /** The offsets that are safe to commit now. */
  public Map<TopicPartition, OffsetAndMetadata> committable() {
    return new HashMap<>(durable);
  }

  /** Forgets partitions this task no longer owns: another task resumes them from Kafka. */
  public void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(
        partition -> {
          accepted.remove(partition);
          durable.remove(partition);
        });
  }
}
