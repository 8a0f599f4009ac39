package io.spillway.connect.tablestore.write;

/** What deletes ({@code delete.mode}): tombstones delete rows, null fields delete columns. */
public enum DeleteMode {
  NONE,
  ROW,
  COLUMN,
  ROW_AND_COLUMN;

  /** A tombstone (null value, or a flattened tombstone row) deletes its row. */
  public boolean deletesRows() {
    return this == ROW || this == ROW_AND_COLUMN;
  }

  /** A null field deletes its column (insert.mode=update). */
  public boolean deletesColumns() {
    return this == COLUMN || this == ROW_AND_COLUMN;
  }
}
