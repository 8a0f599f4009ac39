package io.spillway.connect.redshift.dialect;

import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL: identifiers up to 63 bytes, TEXT (no length surprises), NUMERIC without a precision
 * (decimals of any size, exact), JSONB for nested values, ALTER COLUMN ... TYPE ... USING, ADD
 * COLUMN IF NOT EXISTS (so concurrent tasks evolving one table never collide).
 */
public final class PostgresDialect extends Dialect {
  public PostgresDialect(int varcharLength, NestedAs nestedAs) {
    super(varcharLength, nestedAs);
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  protected int maxIdentifierBytes() {
    return 63;
  }

  @Override
  protected Integer decimalPrecision() {
    return null;
  }

  @Override
  protected String textType() {
    return "TEXT";
  }

  @Override
  protected String bytesType() {
    return "BYTEA";
  }

  @Override
  protected String jsonType() {
    return "JSONB";
  }

  @Override
  public boolean supportsCopy() {
    return true;
  }

  @Override
  public boolean indexesMergeKeys() {
    return true;
  }

  @Override
  public boolean hasAddColumnIfNotExists() {
    return true;
  }

  @Override
  public boolean varcharInBytes() {
    return false;
  }

  @Override
  public String placeholder(DbColumn column) {
    return column.kind() == SqlKind.JSON
        ? "CAST(? AS " + column.dataType().toUpperCase(Locale.ROOT) + ")"
        : "?";
  }

  @Override
  public List<String> widenColumn(String table, DbColumn from, DbColumn to) {
    String column = quote(from.name());
    return List.of(
        "ALTER TABLE "
            + table
            + " ALTER COLUMN "
            + column
            + " TYPE "
            + to.dataType()
            + " USING "
            + cast(column, from, to));
  }
}
