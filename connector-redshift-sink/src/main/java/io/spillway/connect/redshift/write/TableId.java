package io.spillway.connect.redshift.write;

/** A destination table: schema and table identifiers, already folded and shortened. */
public record TableId(String schema, String table) {
  @Override
  public String toString() {
    return schema + "." + table;
  }
}
