package io.spillway.connect.transforms;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.ConnectInput;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.sink.Changelog;
import io.spillway.connect.transforms.FlattenTransformConfig.OutputKey;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Flattens every record a sink receives into one row of its topic's table, exactly as the Spillway
 * Kafka source does: the value becomes the flattened row (partition, offset, timestamp, key,
 * headers, value columns), the key becomes the {@code {partition, offset}} of the source record (or
 * stays as it was). A tombstone stays a row, marked with the {@value #TOMBSTONE_HEADER} header.
 *
 * <p>Bad input fails with the record's coordinates, so Connect's {@code errors.tolerance} and dead
 * letter queue decide its fate, or, with {@code flatten.errors.tolerance=all}, stays packed with an
 * {@code _error} column.
 */
public class Flatten<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
  /** Header set to "true" on rows whose source record was a tombstone (a delete). */
  public static final String TOMBSTONE_HEADER = Columns.TOMBSTONE_HEADER;

  private Flattener flattener;
  private FlatRows rows;
  private OutputKey outputKey;

  @Override
  public void configure(Map<String, ?> props) {
    FlattenTransformConfig config = new FlattenTransformConfig(props);
    flattener = new Flattener(config);
    rows = new FlatRows();
    outputKey = config.outputKey();
  }

  @Override
  public R apply(R record) {
    if (!(record instanceof SinkRecord sinkRecord)) {
      throw new DataException(
          "Flatten applies to records a sink connector receives (it needs their Kafka offset);"
              + " got a "
              + record.getClass().getSimpleName()
              + " from topic "
              + record.topic());
    }
    FlatRecord flat = flattener.flatten(ConnectInput.of(sinkRecord));
    SchemaAndValue row = rows.toConnect(flat);
    Schema keySchema = record.keySchema();
    Object key = record.key();
    if (outputKey == OutputKey.POSITION) {
      keySchema = Columns.POSITION_KEY_SCHEMA;
      key = Columns.positionKey(flat);
    }
    Headers headers = record.headers().duplicate();
    Columns.markTombstone(flat, headers);
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        keySchema,
        key,
        row.schema(),
        row.value(),
        record.timestamp(),
        headers);
  }

  /** True when the row stands for a deleted source record. */
  public static boolean isTombstone(ConnectRecord<?> record) {
    return Changelog.isTombstoneRow(record);
  }

  @Override
  public ConfigDef config() {
    return FlattenTransformConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return PluginVersion.of(Flatten.class);
  }

  @Override
  public void close() {
    flattener = null;
    rows = null;
  }
}
