package io.spillway.connect.redshift.dialect;

import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import java.util.List;

/**
 * Amazon Redshift: identifiers up to 127 bytes, VARCHAR sized in bytes (never TEXT, which means
 * VARCHAR(256)), DECIMAL(38, s), SUPER for nested values, one column per ADD COLUMN and no IF NOT
 * EXISTS there, no change of a column's type but a longer VARCHAR.
 */
public final class RedshiftDialect extends Dialect {
  public RedshiftDialect(int varcharLength, NestedAs nestedAs) {
    super(varcharLength, nestedAs);
  }

  @Override
  public String name() {
    return "redshift";
  }

  @Override
  protected int maxIdentifierBytes() {
    return 127;
  }

  @Override
  protected Integer decimalPrecision() {
    return 38;
  }

  @Override
  protected String textType() {
    return "VARCHAR(" + varcharLength + ")";
  }

  @Override
  protected String bytesType() {
    return "VARBYTE(1024000)";
  }

  @Override
  protected String jsonType() {
    return "SUPER";
  }

  @Override
  public boolean supportsCopy() {
    return false;
  }

  @Override
  public boolean indexesMergeKeys() {
    return false;
  }

  @Override
  public boolean hasAddColumnIfNotExists() {
    return false;
  }

  @Override
  public boolean varcharInBytes() {
    return true;
  }

  @Override
  public String placeholder(DbColumn column) {
    return column.kind() == SqlKind.JSON ? "JSON_PARSE(?)" : "?";
  }

  /**
   * Redshift changes a column's type only to a longer VARCHAR: add the new column, copy the values
   * with a cast, drop the old one, give the new one its name (it moves to the end of the table).
   */
  @Override
  public List<String> widenColumn(String table, DbColumn from, DbColumn to) {
    String column = quote(from.name());
    String widened = quote(identifier(from.name() + "__spillway_widened"));
    return List.of(
        "ALTER TABLE " + table + " ADD COLUMN " + widened + " " + to.dataType(),
        "UPDATE " + table + " SET " + widened + " = " + cast(column, from, to),
        "ALTER TABLE " + table + " DROP COLUMN " + column,
        "ALTER TABLE " + table + " RENAME COLUMN " + widened + " TO " + column);
  }
}
