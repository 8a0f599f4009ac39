package io.spillway.connect.flinkupsert.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One change of a target table before it is serialized: the key row and the value row (null for a
 * delete) for a target topic, and the target partition (null: Kafka's default partitioner on the
 * key bytes; combine=merge writes to the input's partition). {@code settles} are the input records
 * that count as written once the change is acknowledged; {@code record} is the one whose position
 * errors name and whose timestamp the event gets.
 */
public record RowChange(
    SinkRecord record,
    String targetTopic,
    Integer targetPartition,
    Row key,
    Row value,
    List<Pending> settles) {

  public boolean isDelete() {
    return value == null;
  }
}
