package io.spillway.connect.tablestore.write;

/**
 * Tablestore attribute column types, as tablestore.&lt;table&gt;.columns.whitelist.type names them.
 */
public enum AttributeType {
  STRING,
  INTEGER,
  DOUBLE,
  BOOLEAN,
  BINARY
}
