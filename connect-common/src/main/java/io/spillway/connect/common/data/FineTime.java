package io.spillway.connect.common.data;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Timestamps and times finer than Connect's milliseconds (Avro's {@code timestamp-micros}, {@code
 * timestamp-nanos}, their {@code local-} forms, {@code time-micros}): an INT64 count in the
 * original unit, with a logical name that names the type and the unit. Connect's own Timestamp and
 * Time hold milliseconds only, so carrying the count is the one exact form; converters write it as
 * a JSON number, and a sink that knows the name writes it into its timestamp or time type.
 */
public enum FineTime {
  /** Microseconds since 1970-01-01T00:00:00Z. */
  TIMESTAMP_MICROS("TimestampMicros", 1_000L, false),
  /** Nanoseconds since 1970-01-01T00:00:00Z. */
  TIMESTAMP_NANOS("TimestampNanos", 1L, false),
  /** Microseconds since 1970-01-01T00:00:00 of a wall clock in no given zone (read as UTC). */
  LOCAL_TIMESTAMP_MICROS("LocalTimestampMicros", 1_000L, false),
  /** Nanoseconds since 1970-01-01T00:00:00 of a wall clock in no given zone (read as UTC). */
  LOCAL_TIMESTAMP_NANOS("LocalTimestampNanos", 1L, false),
  /** Microseconds after midnight. */
  TIME_MICROS("TimeMicros", 1_000L, true);

  public static final String NAME_PREFIX = "io.spillway.connect.data.";
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final String logicalName;
  private final long nanosPerUnit;
  private final boolean timeOfDay;
  private final Schema optionalSchema;

  FineTime(String simpleName, long nanosPerUnit, boolean timeOfDay) {
    this.logicalName = NAME_PREFIX + simpleName;
    this.nanosPerUnit = nanosPerUnit;
    this.timeOfDay = timeOfDay;
    this.optionalSchema = builder().optional().build();
  }

  /** The Connect logical name, e.g. {@code io.spillway.connect.data.TimestampMicros}. */
  public String logicalName() {
    return logicalName;
  }

  /** An INT64 schema builder carrying this logical name. */
  public SchemaBuilder builder() {
    return SchemaBuilder.int64().name(logicalName).version(1);
  }

  /** The optional schema of a column of this type. */
  public Schema optionalSchema() {
    return optionalSchema;
  }

  /** Whether this is a time of day rather than a point on the timeline. */
  public boolean isTimeOfDay() {
    return timeOfDay;
  }

  /** The type a Connect schema names, or null when it names none of these. */
  public static FineTime of(Schema schema) {
    String name = schema == null ? null : schema.name();
    if (name == null || !name.startsWith(NAME_PREFIX)) {
      return null;
    }
    for (FineTime type : values()) {
      if (type.logicalName.equals(name)) {
        return type;
      }
    }
    return null;
  }

  /**
   * The value as Java time, exact: an {@link Instant} for timestamps (local ones read as UTC), a
   * {@link LocalTime} for times of day.
   */
  public Object javaTime(long count) {
    return timeOfDay ? localTime(count) : instant(count);
  }

  /** The timestamp this count stands for. */
  public Instant instant(long count) {
    long perSecond = NANOS_PER_SECOND / nanosPerUnit;
    return Instant.ofEpochSecond(
        Math.floorDiv(count, perSecond), Math.floorMod(count, perSecond) * nanosPerUnit);
  }

  /**
   * The time of day this count stands for.
   *
   * @throws DateTimeException for a count outside one day (never wrapped: that would alter it)
   */
  public LocalTime localTime(long count) {
    if (!withinDay(count)) {
      throw new DateTimeException(
          count + " is not a " + logicalName + " time of day: outside 00:00 to 24:00");
    }
    return LocalTime.ofNanoOfDay(count * nanosPerUnit);
  }

  /**
   * ISO-8601 text with every digit of the count, e.g. {@code 2023-11-14T22:13:20.123456Z} or {@code
   * 22:13:20.123456}; a time of day outside one day stays its plain count.
   */
  public String text(long count) {
    if (timeOfDay && !withinDay(count)) {
      return Long.toString(count);
    }
    return javaTime(count).toString();
  }

  private boolean withinDay(long count) {
    return count >= 0 && count < 86_400L * (NANOS_PER_SECOND / nanosPerUnit);
  }
}
