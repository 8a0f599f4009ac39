package io.spillway.connect.flinkupsert.format;

import java.util.Locale;

/** Flink's {@code json.timestamp-format.standard}: how JSON timestamps are written. */
public enum TimestampStandard {
  /** {@code 2024-01-02 03:04:05.678}: what Flink's reader takes by default. */
  SQL,
  /** {@code 2024-01-02T03:04:05.678}. */
  ISO_8601;

  /** Reads the option as Flink spells it ({@code SQL}, {@code ISO-8601}). */
  public static TimestampStandard parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
