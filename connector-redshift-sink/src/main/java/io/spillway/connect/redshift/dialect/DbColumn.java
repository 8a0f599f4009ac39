package io.spillway.connect.redshift.dialect;

/**
 * A column as the destination has it: identifier, information_schema data_type, the maximum length
 * of a character column (null when unbounded), the kind of value it holds, and a decimal column's
 * precision and scale (null when unconstrained, or not a decimal).
 */
public record DbColumn(
    String name,
    String dataType,
    Integer maxLength,
    SqlKind kind,
    Integer precision,
    Integer scale) {
  public static DbColumn of(String name, String dataType, Integer maxLength) {
    return of(name, dataType, maxLength, null, null);
  }

  public static DbColumn of(
      String name, String dataType, Integer maxLength, Integer precision, Integer scale) {
    SqlKind kind = SqlKind.ofDataType(dataType);
    return kind == SqlKind.NUMERIC
        ? new DbColumn(name, dataType, maxLength, kind, precision, scale)
        : new DbColumn(name, dataType, maxLength, kind, null, null);
  }
}
