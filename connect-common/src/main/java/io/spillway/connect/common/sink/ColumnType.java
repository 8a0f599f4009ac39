package io.spillway.connect.common.sink;

/**
 * Destination-neutral column types a sink row is made of. Each sink dialect maps them to its own
 * types; nested structures travel as JSON text.
 */
public enum ColumnType {
  BOOLEAN,
  INT16,
  INT32,
  INT64,
  FLOAT32,
  FLOAT64,
  DECIMAL,
  STRING,
  BYTES,
  DATE,
  TIME,
  TIMESTAMP,
  /** Objects and arrays, as JSON text. */
  JSON,
  /** A null without a schema: fits any existing column and never creates one. */
  UNKNOWN;

  public boolean isInteger() {
    return this == INT16 || this == INT32 || this == INT64;
  }

  public boolean isNumeric() {
    return isInteger() || this == FLOAT32 || this == FLOAT64 || this == DECIMAL;
  }
}
