package io.spillway.connect.redshift.dialect;

import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;

/**
 * Amazon Redshift: identifiers up to 127 bytes, VARCHAR sized in bytes (never TEXT, which means
 * VARCHAR(256)), SUPER for nested values, one column per ADD COLUMN and no IF NOT EXISTS there.
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
}
