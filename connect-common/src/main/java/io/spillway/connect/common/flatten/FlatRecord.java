package io.spillway.connect.common.flatten;

import io.spillway.connect.common.RecordPosition;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Kafka record as one row of its topic's table: destination-free and immutable. Columns come in
 * table order: partition, offset, timestamp, timestamp_type, key (or key_*), headers, value (or
 * value_*), and _error when the input could not be decoded under {@code errors.tolerance=all}.
 */
public final class FlatRecord {
  private final RecordPosition position;
  private final List<FlatColumn> columns;
  private final boolean tombstone;
  private final String error;

  FlatRecord(RecordPosition position, List<FlatColumn> columns, boolean tombstone, String error) {
    this.position = Objects.requireNonNull(position, "position");
    this.columns = Collections.unmodifiableList(columns);
    this.tombstone = tombstone;
    this.error = error;
  }

  public RecordPosition position() {
    return position;
  }

  public String topic() {
    return position.topic();
  }

  public List<FlatColumn> columns() {
    return columns;
  }

  /** The column of that name, or {@code null} when the row has none. */
  public FlatColumn column(String name) {
    for (FlatColumn column : columns) {
      if (column.name().equals(name)) {
        return column;
      }
    }
    return null;
  }

  /** The value of that column, or {@code null} when the row has no such column. */
  public Object get(String name) {
    FlatColumn column = column(name);
    return column == null ? null : column.value();
  }

  /** A record with a null value: sinks that support deletes treat the row as a delete. */
  public boolean isTombstone() {
    return tombstone;
  }

  /** Why the value could not be decoded, when it was kept under {@code errors.tolerance=all}. */
  public String error() {
    return error;
  }

  @Override
  public String toString() {
    return "FlatRecord{" + position + ", columns=" + columns + ", tombstone=" + tombstone + "}";
  }
}
