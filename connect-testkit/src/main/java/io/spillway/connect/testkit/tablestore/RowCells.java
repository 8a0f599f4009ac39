package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.OperationType;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The cells of a row change: their checks (name, value size, timestamp deviation) and how they
 * apply to a stored row (column name to versions, newest first, at most max versions).
 */
final class RowCells {
  static final int MAX_COLUMN_VALUE_BYTES = 2 * 1024 * 1024;

  private final TableSchema schema;

  RowCells(TableSchema schema) {
    this.schema = schema;
  }

  void check(OperationType type, PlainBufferCell cell, long nowMillis) {
    String name = cell.getCellName();
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw OtsException.invalid("Invalid column name: '" + name + "'.");
    }
    if (type == OperationType.PUT && cell.hasCellType()) {
      throw OtsException.invalid("PutRow cells carry no operation type: '" + name + "'.");
    }
    if (cell.hasCellValue()) {
      ColumnValue value = cell.getCellValue();
      int length =
          value.getType() == ColumnType.STRING
              ? value.asStringInBytes().length
              : value.getType() == ColumnType.BINARY ? value.asBinary().length : 0;
      if (length > MAX_COLUMN_VALUE_BYTES) {
        throw OtsException.invalid(
            "The length of attribute column: '"
                + name
                + "' exceeds the MaxLength:"
                + MAX_COLUMN_VALUE_BYTES
                + " with CurrentLength:"
                + length
                + ".");
      }
    }
    long deviation = schema.options.getDeviationCellVersionInSec() * 1000L;
    if (cell.hasCellTimestamp()
        && !cell.hasCellType()
        && Math.abs(cell.getCellTimestamp() - nowMillis) > deviation) {
      throw OtsException.invalid(
          "The timestamp of column '"
              + name
              + "' ("
              + cell.getCellTimestamp()
              + ") exceeds the max time deviation of the table.");
    }
  }

  void put(
      NavigableMap<String, NavigableMap<Long, ColumnValue>> row,
      PlainBufferCell cell,
      long nowMillis) {
    NavigableMap<Long, ColumnValue> versions =
        row.computeIfAbsent(cell.getCellName(), n -> new TreeMap<>(Collections.reverseOrder()));
    versions.put(
        cell.hasCellTimestamp() ? cell.getCellTimestamp() : nowMillis, cell.getCellValue());
    while (versions.size() > schema.maxVersions()) {
      versions.pollLastEntry();
    }
  }

  void update(
      NavigableMap<String, NavigableMap<Long, ColumnValue>> row,
      PlainBufferCell cell,
      long nowMillis) {
    if (!cell.hasCellType()) {
      put(row, cell, nowMillis);
      return;
    }
    String name = cell.getCellName();
    switch (cell.getCellType()) {
      case PlainBufferConsts.DELETE_ALL_VERSION -> row.remove(name);
      case PlainBufferConsts.DELETE_ONE_VERSION -> {
        NavigableMap<Long, ColumnValue> versions = row.get(name);
        if (versions != null) {
          versions.remove(cell.getCellTimestamp());
          if (versions.isEmpty()) {
            row.remove(name);
          }
        }
      }
      case PlainBufferConsts.INCREMENT -> {
        NavigableMap<Long, ColumnValue> versions = row.get(name);
        long base =
            versions == null || versions.isEmpty() ? 0 : versions.firstEntry().getValue().asLong();
        PlainBufferCell sum = new PlainBufferCell();
        sum.setCellName(name);
        sum.setCellValue(ColumnValue.fromLong(base + cell.getCellValue().asLong()));
        put(row, sum, nowMillis);
      }
      default ->
          throw OtsException.invalid(
              "Unknown cell type " + cell.getCellType() + " on '" + name + "'.");
    }
  }
}
