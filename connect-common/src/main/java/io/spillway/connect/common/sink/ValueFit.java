package io.spillway.connect.common.sink;

import io.spillway.connect.common.json.ExactNumbers;
import java.math.BigDecimal;

/**
 * Sinks write by value, not by declared type: a cell goes into a column of another type when its
 * value fits there exactly (the text "7" or the float 7.0 into an integer column, the text "5.5"
 * into a float64 one, a decimal float64 prints back unchanged). {@link #as} converts the value to
 * the column type's Java form, or says it cannot without changing the number.
 */
public final class ValueFit {
  /** Returned by {@link #as} when the value does not fit the column type. */
  public static final Object NO_FIT = new Object();

  private ValueFit() {}

  /**
   * The cell's value in the Java form of {@code column} (Boolean, Short, Integer, Long, Float,
   * Double, BigDecimal), or {@link #NO_FIT}. Text, JSON, bytes and temporal columns get the value
   * unchanged when the sink renders it (text and JSON take anything), else {@link #NO_FIT} unless
   * the types agree (a DATE fits a TIMESTAMP column).
   */
  public static Object as(Cell cell, ColumnType column) {
    Object value = cell.value();
    ColumnType type = cell.type();
    if (value == null || type == column) {
      return value;
    }
    return switch (column) {
      case STRING, JSON, UNKNOWN -> value;
      case BOOLEAN -> asBoolean(value);
      case INT16 -> asInteger(cell, Short.MIN_VALUE, Short.MAX_VALUE, column);
      case INT32 -> asInteger(cell, Integer.MIN_VALUE, Integer.MAX_VALUE, column);
      case INT64 -> asInteger(cell, Long.MIN_VALUE, Long.MAX_VALUE, column);
      case FLOAT64 -> asDouble(cell);
      case FLOAT32 -> asFloat(cell);
      case DECIMAL -> {
        BigDecimal decimal = decimal(cell);
        yield decimal == null ? NO_FIT : decimal;
      }
      case TIMESTAMP -> type == ColumnType.DATE ? value : NO_FIT;
      case BYTES, DATE, TIME -> NO_FIT;
    };
  }

  /** The exact number a cell holds, or null (not a number, NaN, infinite). */
  public static BigDecimal decimal(Cell cell) {
    Object value = cell.value();
    return switch (cell.type()) {
      case INT16, INT32, INT64 -> BigDecimal.valueOf(((Number) value).longValue());
      case FLOAT32 -> {
        float f = (Float) value;
        yield Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : null;
      }
      case FLOAT64 -> {
        double d = ((Number) value).doubleValue();
        yield Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
      }
      case DECIMAL -> (BigDecimal) value;
      case STRING, JSON -> ExactNumbers.parse(value.toString());
      default -> null;
    };
  }

  private static Object asBoolean(Object value) {
    if ("true".equals(value)) {
      return Boolean.TRUE;
    }
    return "false".equals(value) ? Boolean.FALSE : NO_FIT;
  }

  private static Object asInteger(Cell cell, long min, long max, ColumnType column) {
    long number;
    if (cell.type().isInteger()) {
      number = ((Number) cell.value()).longValue();
    } else {
      BigDecimal decimal = decimal(cell);
      if (decimal == null
          || (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0)
          || decimal.compareTo(BigDecimal.valueOf(min)) < 0
          || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
        return NO_FIT;
      }
      number = decimal.longValue();
    }
    if (number < min || number > max) {
      return NO_FIT;
    }
    return switch (column) {
      case INT16 -> (short) number;
      case INT32 -> (int) number;
      default -> number;
    };
  }

  private static Object asDouble(Cell cell) {
    Object value = cell.value();
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof String text) {
      Double special = special(text);
      if (special != null) {
        return special;
      }
    }
    if (value instanceof Float f && !Float.isFinite(f)) {
      return (double) f;
    }
    if (cell.type().isInteger()) {
      long number = ((Number) value).longValue();
      if (number >= -(1L << 53) && number <= 1L << 53) {
        return (double) number; // every integer of 53 bits is a double
      }
    }
    BigDecimal decimal = decimal(cell);
    if (decimal == null || !ExactNumbers.doubleKeeps(decimal)) {
      return NO_FIT;
    }
    return negativeZero(cell, decimal) ? -0.0 : decimal.doubleValue();
  }

  private static Object asFloat(Cell cell) {
    Object value = cell.value();
    if (value instanceof Double d && !Double.isFinite(d)) {
      return d.floatValue();
    }
    if (value instanceof String text) {
      Double special = special(text);
      if (special != null) {
        return special.floatValue();
      }
    }
    BigDecimal decimal = decimal(cell);
    if (decimal == null || !ExactNumbers.floatKeeps(decimal)) {
      return NO_FIT;
    }
    return negativeZero(cell, decimal) ? -0.0f : decimal.floatValue();
  }

  private static boolean negativeZero(Cell cell, BigDecimal decimal) {
    Object value = cell.value();
    if (value instanceof Double d) {
      return Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0);
    }
    return value instanceof String text && ExactNumbers.isNegativeZero(text, decimal);
  }

  private static Double special(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }
}
