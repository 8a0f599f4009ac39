package io.spillway.connect.common.errors;

import java.util.Locale;

/**
 * What happens to input that cannot be decoded. Mirrors Connect's {@code errors.tolerance} values
 * so users meet one vocabulary.
 */
public enum ErrorTolerance {
  /** Fail the task with a message naming topic, partition and offset. */
  NONE,
  /**
   * Keep the record: packed raw value plus an {@code _error} column (sources), or the DLQ (sinks).
   */
  ALL;

  public static ErrorTolerance parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
