package io.spillway.connect.flinkupsert.write;

/** Flink's {@code value.fields-include}. */
public enum FieldsInclude {
  /** Every column in the value, key fields included. */
  ALL,
  /** The value without the key fields. */
  EXCEPT_KEY
}
