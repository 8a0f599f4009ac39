package io.spillway.connect.tablestore.write;

/** Where records that cannot be written go under runtime.error.tolerance=all. */
public enum RuntimeErrorMode {
  /** Counted and logged, and sent to Connect's dead letter queue when one is configured. */
  IGNORE,
  /** Re-sent with their headers plus an ErrorInfo header to runtime.error.topic.name. */
  KAFKA,
  /** Written to runtime.error.table.name (topic_partition, offset, key, value, error_info). */
  TABLESTORE
}
