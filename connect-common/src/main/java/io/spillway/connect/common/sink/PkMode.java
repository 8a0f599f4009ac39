package io.spillway.connect.common.sink;

/** Where a sink takes a record's primary key from ({@code pk.mode}). */
public enum PkMode {
  /** No key: every record is its own row. */
  NONE,
  /** The record's topic, partition and offset. */
  KAFKA,
  /** The record key's fields, or the whole key for a primitive key. */
  RECORD_KEY,
  /** Fields of the record value, named in {@code pk.fields}. */
  RECORD_VALUE
}
