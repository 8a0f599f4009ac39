package io.spillway.connect.common.sink;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What a batch sink buffers and how it writes, driven by a {@link SinkBatcher}: the sink's own part
 * of a buffering sink task. Called on the task thread only.
 */
public interface BatchBuffer {
  /**
   * Buffers one record (converted, reduced by key, per table... as the sink likes).
   *
   * @return false when the record needs no write (e.g. a tombstone while deletes are off)
   * @throws RejectedRecordException when the record cannot be written: it goes to the error policy
   */
  boolean add(SinkRecord record);

  /**
   * Writes everything buffered and empties the buffer. Records the destination refuses go to the
   * error policy ({@link ErrantRecords#report}). On a retriable destination error, throws a {@link
   * RetriableException} with what is not written still buffered; any other exception fails the
   * task.
   */
  void write();

  /**
   * Drops the buffered records of partitions the task no longer owns (matched on {@link
   * SinkRecord#originalTopic()} and {@link SinkRecord#originalKafkaPartition()}): they were never
   * committed, so their new owner reads them again.
   */
  void drop(Set<TopicPartition> partitions);
}
