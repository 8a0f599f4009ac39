package io.spillway.connect.redshift.dialect;

/**
 * A column as the destination has it: identifier, information_schema data_type, the maximum length
 * of a character column (null when unbounded), and the kind of value it holds.
 */
public record DbColumn(String name, String dataType, Integer maxLength, SqlKind kind) {
  public static DbColumn of(String name, String dataType, Integer maxLength) {
    return new DbColumn(name, dataType, maxLength, SqlKind.ofDataType(dataType));
  }
}
