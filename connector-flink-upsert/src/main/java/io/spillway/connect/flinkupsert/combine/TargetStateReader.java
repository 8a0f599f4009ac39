package io.spillway.connect.flinkupsert.combine;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the merged state of a partition from the compacted target: partition p read from its
 * beginning to the end offset it had when the read started; the last record per key wins and a
 * tombstone removes the key. The target holds every merged row acknowledged so far, so a restarted
 * or rebalanced task continues from the columns its predecessor wrote.
 */
final class TargetStateReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TargetStateReader.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final String target;
  private final Duration stallTimeout;

  /**
   * @param consumer a consumer of the target cluster (byte arrays, no subscription)
   * @param stallTimeout how long a read may go without progress before the task fails
   */
  TargetStateReader(Consumer<byte[], byte[]> consumer, String target, Duration stallTimeout) {
    this.consumer = consumer;
    this.target = target;
    this.stallTimeout = stallTimeout;
  }

  /** Loads target partition {@code partition} into {@code rows}; returns the records read. */
  long rebuild(int partition, MergedRows rows) {
    List<PartitionInfo> infos = consumer.partitionsFor(target, stallTimeout);
    if (infos == null || infos.isEmpty()) {
      rows.hold(partition);
      return 0; // no target yet: the task creates it before its first write
    }
    if (partition >= infos.size()) {
      throw new ConnectException(
          "combine=merge writes input partition "
              + partition
              + " to partition "
              + partition
              + " of target topic "
              + target
              + ", which has only "
              + infos.size()
              + " partitions: the target needs as many partitions as the input topics");
    }
    TopicPartition tp = new TopicPartition(target, partition);
    consumer.assign(List.of(tp));
    consumer.seekToBeginning(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), stallTimeout).get(tp);
    rows.hold(partition);
    long read = 0;
    long lastProgress = System.nanoTime();
    while (consumer.position(tp, stallTimeout) < end) {
      List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(tp);
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (record.key() != null && record.offset() < end) {
          rows.put(partition, record.key(), record.value());
          read++;
        }
      }
      if (!records.isEmpty()) {
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
        throw new ConnectException(
            "combine=merge could not rebuild its state from "
                + tp
                + ": no progress for "
                + stallTimeout.toMillis()
                + " ms at offset "
                + consumer.position(tp)
                + " of "
                + end);
      }
    }
    consumer.assign(List.of());
    log.info(
        "combine=merge rebuilt partition {} from {}: {} records, {} keys",
        partition,
        tp,
        read,
        rows.keys(partition));
    return read;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
