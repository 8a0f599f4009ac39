package io.spillway.connect.redshift.dialect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.ValueFit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;

/**
 * Decides whether a cell fits an existing column by its value (the shared rule of {@link ValueFit}:
 * the text "7" fits a bigint column, 12345678901234567.89 does not fit a double one), and renders
 * cells in the form a column of another kind takes (text, JSON), so a value is only refused when
 * the column truly cannot hold it.
 */
public final class CellValues {
  private CellValues() {}

  /** Null when the cell fits the column, else the reason it does not. */
  public static String misfit(Cell cell, DbColumn column, boolean lengthInBytes) {
    Object value = cell.value();
    if (value == null) {
      return null;
    }
    if (value instanceof Instant || value instanceof LocalTime) {
      String lost = subMicros(cell, column);
      if (lost != null) {
        return lost;
      }
    }
    if (!fitsType(cell, column)) {
      return "field '"
          + cell.name()
          + "' holds a "
          + cell.type()
          + " value that column \""
          + column.name()
          + "\" ("
          + column.dataType().toLowerCase(Locale.ROOT)
          + ") cannot hold exactly; column types change only with auto.widen=true";
    }
    if (column.kind() == SqlKind.TEXT && column.maxLength() != null) {
      String text = text(cell);
      long length = lengthInBytes ? Utf8Length.of(text) : text.codePointCount(0, text.length());
      if (length > column.maxLength()) {
        return "field '"
            + cell.name()
            + "' is "
            + length
            + (lengthInBytes ? " bytes" : " characters")
            + " long; column \""
            + column.name()
            + "\" takes at most "
            + column.maxLength();
      }
    }
    return null;
  }

  /** Whether the column's type holds the cell's value exactly (length aside). */
  public static boolean fitsType(Cell cell, DbColumn column) {
    if (cell.value() == null || exactFit(cell.type(), column)) {
      return true;
    }
    Object value = value(cell, column);
    if (value == ValueFit.NO_FIT) {
      return false;
    }
    return column.kind() != SqlKind.NUMERIC || fitsDecimal((BigDecimal) value, column);
  }

  /**
   * The cell's value in the Java form the column's kind binds (numbers and booleans converted by
   * value), or {@link ValueFit#NO_FIT}. Text, JSON and temporal columns get the value as it is.
   */
  public static Object value(Cell cell, DbColumn column) {
    Object value = cell.value();
    if (value == null || exactFit(cell.type(), column)) {
      return value;
    }
    ColumnType type = column.kind().columnType();
    if (type == null) {
      return ValueFit.NO_FIT;
    }
    if (column.kind() == SqlKind.TIMESTAMP && cell.type() == ColumnType.DATE) {
      return value;
    }
    return ValueFit.as(cell, type);
  }

  /**
   * A decimal fits NUMERIC(p, s) when it has at most s decimal places and p - s integer digits; an
   * unconstrained NUMERIC (PostgreSQL) takes up to 131072 integer and 16383 decimal digits.
   */
  private static boolean fitsDecimal(BigDecimal value, DbColumn column) {
    if (value.signum() == 0) {
      return true;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    long integerDigits = (long) stripped.precision() - stripped.scale();
    if (column.scale() == null || column.precision() == null) {
      return integerDigits <= 131_072 && stripped.scale() <= 16_383;
    }
    return stripped.scale() <= column.scale()
        && integerDigits <= column.precision() - column.scale();
  }

  /** The common case, decided without looking at the value: the column is the cell's own type. */
  private static boolean exactFit(ColumnType type, DbColumn column) {
    return switch (column.kind()) {
      case BOOLEAN -> type == ColumnType.BOOLEAN;
      case BIGINT -> type.isInteger();
      case INTEGER -> type == ColumnType.INT32 || type == ColumnType.INT16;
      case SMALLINT -> type == ColumnType.INT16;
      case REAL -> type == ColumnType.FLOAT32;
      case DOUBLE -> type == ColumnType.FLOAT64;
      case TEXT -> column.maxLength() == null;
      case TIMESTAMPTZ, TIMESTAMP -> type == ColumnType.TIMESTAMP;
      case DATE -> type == ColumnType.DATE;
      case TIME -> type == ColumnType.TIME;
      case BINARY -> type == ColumnType.BYTES;
      case JSON -> true;
      default -> false;
    };
  }

  /**
   * Why a nanosecond value cannot go into a date/time column, which keeps microseconds (PostgreSQL
   * and Redshift alike): it would be rounded. Text columns keep every digit.
   */
  private static String subMicros(Cell cell, DbColumn column) {
    Object value = cell.value();
    int nanos =
        value instanceof Instant instant ? instant.getNano() : ((LocalTime) value).getNano();
    boolean keepsMicros =
        column.kind() == SqlKind.TIMESTAMP
            || column.kind() == SqlKind.TIMESTAMPTZ
            || column.kind() == SqlKind.TIME;
    if (!keepsMicros || nanos % 1_000 == 0) {
      return null;
    }
    return "field '"
        + cell.name()
        + "' holds "
        + value
        + ", finer than the microseconds column \""
        + column.name()
        + "\" ("
        + column.dataType().toLowerCase(Locale.ROOT)
        + ") keeps; values are never rounded";
  }

  private static boolean finite(Object value) {
    return !(value instanceof Double d && !Double.isFinite(d))
        && !(value instanceof Float f && !Float.isFinite(f));
  }

  /** The cell as text, for character columns. */
  public static String text(Cell cell) {
    Object value = cell.value();
    return switch (cell.type()) {
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case BYTES -> Base64.getEncoder().encodeToString((byte[]) value);
      case TIMESTAMP -> instant(value).toString();
      case DATE -> ((Date) value).toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
      case TIME -> localTime(value).toString();
      default -> value.toString();
    };
  }

  /** The cell as a JSON document, for SUPER / JSONB columns. */
  public static String json(Cell cell) {
    return switch (cell.type()) {
      case JSON -> (String) cell.value();
      case BOOLEAN, INT16, INT32, INT64 -> cell.value().toString();
      case FLOAT32, FLOAT64, DECIMAL -> finite(cell.value()) ? text(cell) : quoted(text(cell));
      default -> quoted(text(cell));
    };
  }

  private static String quoted(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  /** The exact instant of a timestamp (or date) cell's value. */
  public static Instant instant(Object value) {
    return value instanceof Instant instant ? instant : Instant.ofEpochMilli(millis(value));
  }

  /** The exact time of day of a time cell's value. */
  public static LocalTime localTime(Object value) {
    return value instanceof LocalTime time
        ? time
        : LocalTime.ofNanoOfDay(Math.floorMod(millis(value), 86_400_000L) * 1_000_000L);
  }

  /** Epoch millis of a date, time or timestamp cell. */
  public static long millis(Object value) {
    return value instanceof Date date
        ? date.getTime()
        : Instant.parse(value.toString()).toEpochMilli();
  }
}
