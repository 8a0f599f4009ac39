package io.spillway.connect.common.json;

import io.spillway.connect.common.data.FineTime;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;

/**
 * The text form of a column value: what a column holds once widened to STRING, and what the hash
 * policy hashes. Dates are ISO-8601 in UTC (micro- and nanosecond {@link FineTime} counts with all
 * their digits), decimals plain, bytes base64, so the text is stable.
 */
public final class ValueText {
  private ValueText() {}

  public static String of(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Date date) {
      return dateText(schema, date);
    }
    if (value instanceof Long count && FineTime.of(schema) != null) {
      return FineTime.of(schema).text(count);
    }
    return String.valueOf(value);
  }

  private static String dateText(Schema schema, Date date) {
    String logical = schema == null ? null : schema.name();
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
      return Instant.ofEpochMilli(date.getTime()).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return LocalTime.ofNanoOfDay(Math.floorMod(date.getTime(), 86_400_000L) * 1_000_000L)
          .toString();
    }
    return Instant.ofEpochMilli(date.getTime()).toString();
  }
}
