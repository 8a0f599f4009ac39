package io.spillway.connect.redshift.dialect;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import java.util.Locale;

/**
 * PostgreSQL: identifiers up to 63 bytes, TEXT (no length surprises), JSONB for nested values, ADD
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
  public String columnType(Cell cell) {
    return switch (cell.type()) {
      case BOOLEAN -> "BOOLEAN";
      case INT16 -> "SMALLINT";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE PRECISION";
      case DECIMAL -> decimal(cell);
      case BYTES -> "BYTEA";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMPTZ";
      case JSON -> nestedType(cell.type(), "JSONB", "TEXT");
      case STRING, UNKNOWN -> "TEXT";
    };
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
}
