package io.spillway.connect.common.sink;

/**
 * The one widening order of the record model, for every destination: integers widen to the larger
 * integer, integers and floats to FLOAT64, integers and decimals to DECIMAL, DATE and TIMESTAMP to
 * TIMESTAMP, and any other disagreement to STRING, which holds every value as text. A sink types a
 * new column that several values share by it, and (where its opt-in setting allows) widens an
 * existing column along it; it never narrows.
 */
public final class TypeWidening {
  private TypeWidening() {}

  /** The narrowest type that holds values of both types. */
  public static ColumnType wider(ColumnType a, ColumnType b) {
    if (a == b || b == ColumnType.UNKNOWN) {
      return a;
    }
    if (a == ColumnType.UNKNOWN) {
      return b;
    }
    if (a.isInteger() && b.isInteger()) {
      return a.ordinal() > b.ordinal() ? a : b;
    }
    if (isFloat(a) && isFloat(b) || isFloat(a) && b.isInteger() || a.isInteger() && isFloat(b)) {
      return ColumnType.FLOAT64;
    }
    if (a == ColumnType.DECIMAL && b.isInteger() || a.isInteger() && b == ColumnType.DECIMAL) {
      return ColumnType.DECIMAL;
    }
    if (isDateTime(a) && isDateTime(b)) {
      return ColumnType.TIMESTAMP;
    }
    // Float and decimal share no exact type; nor do any other two: text holds both exactly.
    return ColumnType.STRING;
  }

  /** Whether {@code to} is {@code from} or wider along this order. */
  public static boolean isWiderOrSame(ColumnType to, ColumnType from) {
    return wider(to, from) == to;
  }

  private static boolean isFloat(ColumnType type) {
    return type == ColumnType.FLOAT32 || type == ColumnType.FLOAT64;
  }

  private static boolean isDateTime(ColumnType type) {
    return type == ColumnType.DATE || type == ColumnType.TIMESTAMP;
  }
}
