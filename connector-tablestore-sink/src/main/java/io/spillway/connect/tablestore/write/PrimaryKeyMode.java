package io.spillway.connect.tablestore.write;

/**
 * Where a row's primary key comes from ({@code primarykey.mode}), as the aliyun connector has it.
 */
public enum PrimaryKeyMode {
  /** {@code topic_partition} STRING ({@code <topic>_<partition>}) and {@code offset} INTEGER. */
  KAFKA,
  /** Fields of the record key, named and typed per table. */
  RECORD_KEY,
  /** Fields of the record value, named and typed per table. */
  RECORD_VALUE,
  /**
   * {@code md5} (first 5 hex digits of md5("topic_partition_offset")), {@code topic}, {@code
   * partition}, {@code offset}, plus a {@code timestamp} column: spreads rows for search indexes.
   */
  SEARCH;

  /** Whether the key comes from the record's own data, so a later record can address its row. */
  public boolean fromRecordData() {
    return this == RECORD_KEY || this == RECORD_VALUE;
  }
}
