package io.spillway.connect.flinkcompat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Temporal values as text in Flink's JSON format (its default, SQL timestamp standard). */
final class FlinkJsonText {
  /** {@code 2024-01-02 03:04:05.678}: fraction without trailing zeros, none when zero. */
  private static final DateTimeFormatter SQL_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter();

  private FlinkJsonText() {}

  static String timestamp(LocalDateTime time) {
    return SQL_TIMESTAMP.format(time);
  }
}
