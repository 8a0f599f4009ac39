package io.spillway.connect.common.sink;

import io.spillway.connect.common.flatten.Columns;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;

/**
 * Changelog semantics shared by every sink: a record is a delete when its value is null (a Kafka
 * tombstone) or when it is a flattened row that stands for a tombstone, marked with the {@value
 * #TOMBSTONE_HEADER} header by the Kafka source and the Flatten transform.
 */
public final class Changelog {
  /** Header set to "true" on rows whose source record was a tombstone (a delete). */
  public static final String TOMBSTONE_HEADER = Columns.TOMBSTONE_HEADER;

  private Changelog() {}

  /** True for a Kafka tombstone or a flattened tombstone row. */
  public static boolean isDelete(ConnectRecord<?> record) {
    return record.value() == null || isTombstoneRow(record);
  }

  /** True when the record is a flattened row marked as standing for a deleted source record. */
  public static boolean isTombstoneRow(ConnectRecord<?> record) {
    Header header = record.headers().lastWithName(TOMBSTONE_HEADER);
    return header != null && "true".equalsIgnoreCase(String.valueOf(header.value()));
  }
}
