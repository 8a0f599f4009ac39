package io.spillway.connect.kinesis.write;

/** What one Kinesis record holds (setting {@code record.format}). */
public enum RecordFormat {
  /** Airbyte's JSON envelope: {@code _airbyte_ab_id}, {@code _airbyte_data}, emitted-at time. */
  AIRBYTE,
  /** The Spillway flattened row as a JSON object. */
  FLAT,
  /** The value as it is: bytes and strings unchanged, anything else as JSON. */
  VALUE
}
