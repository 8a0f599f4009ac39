package io.spillway.connect.flinkupsert.write;

import java.util.List;

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

  @Override
  default void close() {}
}
