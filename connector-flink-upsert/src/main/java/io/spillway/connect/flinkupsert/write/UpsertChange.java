package io.spillway.connect.flinkupsert.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A serialized change on its way to the target: key bytes, value bytes (null = tombstone), and
 * every input record it settles (its own and those of the changes it replaced in the window).
 */
public final class UpsertChange {
  private final SinkRecord record;
  private final String topic;
  private final Integer partition;
  private final byte[] key;
  private final byte[] value;
  private final List<Pending> settles;

  public UpsertChange(
      SinkRecord record,
      String topic,
      Integer partition,
      byte[] key,
      byte[] value,
      List<Pending> settles) {
    this.record = record;
    this.topic = topic;
    this.partition = partition;
    this.key = key;
    this.value = value;
    this.settles = new ArrayList<>(settles);
  }

  /** The record this change comes from (the newest it stands for). */
  public SinkRecord record() {
    return record;
  }

  public String topic() {
    return topic;
  }

  /** The target partition, or null for Kafka's default partitioner (murmur2 of the key). */
  public Integer partition() {
    return partition;
  }

  public byte[] key() {
    return key;
  }

  /** The value bytes, null for a delete. */
  public byte[] value() {
    return value;
  }

  /** What the reduction window reduces by: the target topic and the key bytes. */
  public List<Object> reductionKey() {
    return partition == null
        ? List.of(topic, ByteBuffer.wrap(key))
        : List.of(topic, partition, ByteBuffer.wrap(key));
  }

  /** This change replaces {@code older} in the window: it settles older's records too. */
  public void supersede(UpsertChange older) {
    settles.addAll(0, older.settles);
  }

  public List<Pending> settles() {
    return settles;
  }

  /** The input partitions whose records this change settles. */
  public boolean touches(java.util.Collection<TopicPartition> partitions) {
    for (Pending pending : settles) {
      SinkRecord r = pending.record();
      if (partitions.contains(new TopicPartition(r.originalTopic(), r.originalKafkaPartition()))) {
        return true;
      }
    }
    return false;
  }
}
