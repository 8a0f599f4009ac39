package io.spillway.connect.flinkupsert.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.flinkupsert.format.RowSerializer;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Input record to {@link RowChange} (key extraction, value row) and {@link RowChange} to the bytes
 * of an {@link UpsertChange} (the key and value formats).
 */
public final class ChangeEncoder implements AutoCloseable {
  private final TargetTopics topics;
  private final KeyFields keyFields;
  private final ValueRows valueRows;
  private final RowSerializer keyFormat;
  private final RowSerializer valueFormat;

  public ChangeEncoder(
      TargetTopics topics,
      KeyFields keyFields,
      ValueRows valueRows,
      RowSerializer keyFormat,
      RowSerializer valueFormat) {
    this.topics = topics;
    this.keyFields = keyFields;
    this.valueRows = valueRows;
    this.keyFormat = keyFormat;
    this.valueFormat = valueFormat;
  }

  /** The record's change; throws a DataException when the record cannot be one. */
  public RowChange change(SinkRecord record, Pending pending) {
    Row key = keyFields.keyRow(record);
    Row value =
        record.value() == null
            ? null
            : valueRows.valueRow(key, record.valueSchema(), record.value());
    return new RowChange(record, topics.target(record.topic()), null, key, value, List.of(pending));
  }

  public UpsertChange encode(RowChange change) {
    String topic = change.targetTopic();
    byte[] key = keyFormat.serialize(topic, change.key().schema(), change.key().value());
    byte[] value =
        change.isDelete()
            ? null
            : valueFormat.serialize(topic, change.value().schema(), change.value().value());
    return new UpsertChange(
        change.record(), topic, change.targetPartition(), key, value, change.settles());
  }

  @Override
  public void close() {
    keyFormat.close();
    valueFormat.close();
  }
}
