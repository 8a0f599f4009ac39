package io.spillway.connect.tablestore.write;

/** How a record's row is written ({@code insert.mode}). */
public enum InsertMode {
  /** PutRow: the row is replaced by the record's columns. */
  PUT,
  /** UpdateRow: the record's columns are set, other columns of the row stay. */
  UPDATE
}
