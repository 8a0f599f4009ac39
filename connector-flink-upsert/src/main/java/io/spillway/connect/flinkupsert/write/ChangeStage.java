package io.spillway.connect.flinkupsert.write;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A step between key extraction and the reduction window: one input change in, zero or more output
 * changes out (combine=merge turns a partial row into the merged row of its key). Output changes
 * carry the {@code settles} of the inputs they stand for, so offsets still commit only for what
 * reached the target.
 */
public interface ChangeStage extends AutoCloseable {

  /** The stage of combine=off: every change as it is. */
  ChangeStage PASS_THROUGH = List::of;

  List<RowChange> apply(RowChange change);

  /** Input partitions assigned to the task (e.g. to rebuild state from the target). */
  default void assigned(Collection<TopicPartition> partitions) {}

  /** Input partitions taken from the task, after their offsets were committed. */
  default void revoked(Collection<TopicPartition> partitions) {}

  @Override
  default void close() {}
}
