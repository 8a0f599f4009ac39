package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.Changelog;
import io.spillway.connect.common.sink.RejectedRecordException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record into the row change for its table, as the aliyun connector's default parser does
 * (and where it is broken, as it means to): value fields, then key fields, become attribute columns
 * (a primitive string value is column {@code value}, a primitive key {@code key}), minus the
 * primary key columns, filtered and typed by the table's whitelist. A tombstone deletes its row
 * under delete.mode row; null fields delete their columns under insert.mode=update and delete.mode
 * column.
 */
public final class RowMapper {
  /** Tablestore refuses rows larger than this. */
  public static final long MAX_ROW_BYTES = 2L * 1024 * 1024;

  private final PrimaryKeyMode pkMode;
  private final InsertMode insertMode;
  private final DeleteMode deleteMode;
  private final LongSupplier clock;

  public RowMapper(
      PrimaryKeyMode pkMode, InsertMode insertMode, DeleteMode deleteMode, LongSupplier clock) {
    this.pkMode = pkMode;
    this.insertMode = insertMode;
    this.deleteMode = deleteMode;
    this.clock = clock;
  }

  /**
   * The row change of a record for {@code layout}'s table, or null for a tombstone that deletes
   * nothing (delete.mode none or column).
   *
   * @throws RejectedRecordException when the record cannot become a row
   */
  public RowChange map(SinkRecord record, TableLayout layout) {
    boolean delete = Changelog.isDelete(record);
    if (delete && !deleteMode.deletesRows()) {
      return null;
    }
    RecordCells cells = RecordCells.of(record);
    PrimaryKey key = RowKeys.build(pkMode, layout, record, cells);
    String table = layout.table();
    if (delete) {
      return new RowDeleteChange(table, key);
    }
    Map<String, ColumnValue> columns = columns(record, layout, cells);
    RowChange row =
        insertMode == InsertMode.PUT ? put(table, key, columns) : update(table, key, columns);
    long size = row.getDataSize();
    if (size > MAX_ROW_BYTES) {
      throw new RejectedRecordException(
          "the row is " + size + " bytes, over Tablestore's limit of " + MAX_ROW_BYTES);
    }
    return row;
  }

  private static RowPutChange put(String table, PrimaryKey key, Map<String, ColumnValue> columns) {
    RowPutChange put = new RowPutChange(table, key);
    columns.forEach(
        (name, value) -> {
          if (value != null) {
            put.addColumn(name, value);
          }
        });
    return put;
  }

  private RowUpdateChange update(String table, PrimaryKey key, Map<String, ColumnValue> columns) {
    RowUpdateChange update = new RowUpdateChange(table, key);
    boolean any = false;
    for (Map.Entry<String, ColumnValue> column : columns.entrySet()) {
      if (column.getValue() != null) {
        update.put(column.getKey(), column.getValue());
        any = true;
      } else if (deleteMode.deletesColumns()) {
        update.deleteColumns(column.getKey());
        any = true;
      }
    }
    if (!any) {
      throw new RejectedRecordException(
          "insert.mode=update but the record has no column to set"
              + (deleteMode.deletesColumns()
                  ? ""
                  : " (null fields delete nothing: delete.mode "
                      + deleteMode.name().toLowerCase(java.util.Locale.ROOT)
                      + ")"));
    }
    return update;
  }

  /** Attribute columns in record order (value fields, then key fields), null for null fields. */
  private Map<String, ColumnValue> columns(
      SinkRecord record, TableLayout layout, RecordCells cells) {
    Map<String, Cell> byName = new LinkedHashMap<>();
    Map<String, Boolean> typed = new LinkedHashMap<>();
    addCells(
        byName,
        typed,
        cells.value(),
        cells.valueTyped(),
        "value",
        pkMode == PrimaryKeyMode.RECORD_VALUE);
    addCells(
        byName, typed, cells.key(), cells.keyTyped(), "key", pkMode == PrimaryKeyMode.RECORD_KEY);
    Map<String, ColumnValue> columns = new LinkedHashMap<>();
    List<WhitelistConfig.Column> whitelist = layout.whitelist();
    if (whitelist.isEmpty()) {
      byName.forEach(
          (name, cell) -> {
            if (!layout.isKeyColumn(name)) {
              columns.put(name, CellValues.of(cell));
            }
          });
    } else {
      for (WhitelistConfig.Column column : whitelist) {
        Cell cell = byName.get(column.name());
        if (cell != null && !layout.isKeyColumn(column.name())) {
          columns.put(column.name(), CellValues.as(cell, column.type(), typed.get(column.name())));
        }
      }
    }
    if (pkMode == PrimaryKeyMode.SEARCH) {
      columns.put(TableLayout.TIMESTAMP, ColumnValue.fromLong(searchTimestamp(record, layout)));
    }
    return columns;
  }

  private static void addCells(
      Map<String, Cell> byName,
      Map<String, Boolean> typed,
      List<Cell> cells,
      boolean cellsTyped,
      String primitiveName,
      boolean primitiveIsKey) {
    if (cells == null) {
      return;
    }
    for (Cell cell : cells) {
      String name = cell.name();
      if (name.equals(RecordCells.PRIMITIVE)) {
        if (primitiveIsKey) {
          continue; // the primitive is the primary key itself
        }
        name = primitiveName;
        cell = new Cell(name, cell.type(), cell.scale(), cell.value());
      }
      byName.put(name, cell);
      typed.put(name, cellsTyped);
    }
  }

  private long searchTimestamp(SinkRecord record, TableLayout layout) {
    if (layout.searchTimestamp() == PrimaryKeyConfig.SearchTimestamp.LOCAL) {
      return clock.getAsLong();
    }
    if (record.timestamp() == null) {
      throw new RejectedRecordException(
          "the record has no timestamp for search mode's timestamp column (set"
              + " tablestore.<table>.search.timestamp.type=local to stamp the time of writing)");
    }
    return record.timestamp();
  }
}
