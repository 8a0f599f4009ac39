package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.OperationType;
import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** One table's rows in primary key order, each column with its versions (newest first). */
final class MemoryTable {
  static final int MAX_COLUMN_VALUE_BYTES = 2 * 1024 * 1024;
  static final int MAX_ROWS_PER_RANGE = 5000;

  /** A range read: the rows, and where the next read starts (null when the range is done). */
  record Range(List<Row> rows, PrimaryKey next) {}

  final TableSchema schema;
  private final NavigableMap<PrimaryKey, NavigableMap<String, NavigableMap<Long, ColumnValue>>>
      rows = new TreeMap<>(PkOrder.INSTANCE);
  // Like Tablestore's, auto-increment values are large, unique and increasing, not 1, 2, 3.
  private final AtomicLong autoIncrement = new AtomicLong(System.currentTimeMillis() * 1000);

  MemoryTable(TableSchema schema) {
    this.schema = schema;
  }

  /** Applies one row change after its condition check; returns the key written. */
  synchronized PrimaryKey write(
      OperationType type,
      PrimaryKey requested,
      List<PlainBufferCell> cells,
      RowExistenceExpectation expect,
      long nowMillis) {
    PrimaryKey key =
        schema.check(
            requested,
            type == OperationType.PUT ? TableSchema.KeyUse.PUT : TableSchema.KeyUse.EXACT,
            autoIncrement::incrementAndGet);
    for (PlainBufferCell cell : cells) {
      checkCell(type, cell, nowMillis);
    }
    boolean exists = rows.containsKey(key);
    if (expect == RowExistenceExpectation.EXPECT_EXIST && !exists
        || expect == RowExistenceExpectation.EXPECT_NOT_EXIST && exists) {
      throw OtsException.conditionFailed();
    }
    switch (type) {
      case DELETE -> rows.remove(key);
      case PUT -> {
        NavigableMap<String, NavigableMap<Long, ColumnValue>> row = new TreeMap<>();
        cells.forEach(cell -> put(row, cell, nowMillis));
        rows.put(key, row);
      }
      case UPDATE -> {
        NavigableMap<String, NavigableMap<Long, ColumnValue>> row =
            rows.computeIfAbsent(key, k -> new TreeMap<>());
        cells.forEach(cell -> update(row, cell, nowMillis));
      }
    }
    return key;
  }

  synchronized Row read(PrimaryKey requested, ReadSpec spec, long nowMillis) {
    PrimaryKey key = schema.check(requested, TableSchema.KeyUse.EXACT, () -> 0);
    NavigableMap<String, NavigableMap<Long, ColumnValue>> row = rows.get(key);
    return row == null ? null : visible(key, row, spec, nowMillis);
  }

  synchronized Range range(
      PrimaryKey start, PrimaryKey end, boolean forward, int limit, ReadSpec spec, long nowMillis) {
    start = schema.check(start, TableSchema.KeyUse.RANGE, () -> 0);
    end = schema.check(end, TableSchema.KeyUse.RANGE, () -> 0);
    int order = PkOrder.INSTANCE.compare(start, end);
    if (forward ? order > 0 : order < 0) {
      throw OtsException.invalid(
          "Begin key must be "
              + (forward ? "less" : "more")
              + " than end key in "
              + (forward ? "FORWARD" : "BACKWARD"));
    }
    NavigableMap<PrimaryKey, NavigableMap<String, NavigableMap<Long, ColumnValue>>> slice =
        forward
            ? rows.subMap(start, true, end, false)
            : rows.subMap(end, false, start, true).descendingMap();
    int max = Math.min(limit <= 0 ? MAX_ROWS_PER_RANGE : limit, MAX_ROWS_PER_RANGE);
    List<Row> out = new ArrayList<>();
    for (Map.Entry<PrimaryKey, NavigableMap<String, NavigableMap<Long, ColumnValue>>> e :
        slice.entrySet()) {
      if (out.size() == max) {
        return new Range(out, e.getKey());
      }
      Row row = visible(e.getKey(), e.getValue(), spec, nowMillis);
      if (row != null) {
        out.add(row);
      }
    }
    return new Range(out, null);
  }

  synchronized int size() {
    return rows.size();
  }

  private Row visible(
      PrimaryKey key,
      NavigableMap<String, NavigableMap<Long, ColumnValue>> row,
      ReadSpec spec,
      long nowMillis) {
    int ttl = schema.options.getTimeToLive();
    long oldest = ttl > 0 ? nowMillis - ttl * 1000L : Long.MIN_VALUE;
    List<Column> columns = new ArrayList<>();
    row.forEach(
        (name, versions) -> {
          if (spec.wants(name)) {
            int n = 0;
            for (Map.Entry<Long, ColumnValue> v : versions.entrySet()) {
              long ts = v.getKey();
              if (n < spec.maxVersions()
                  && ts >= spec.startTs()
                  && ts < spec.endTs()
                  && ts >= oldest) {
                columns.add(new Column(name, v.getValue(), ts));
                n++;
              }
            }
          }
        });
    boolean pkOnlyRow = row.isEmpty() && spec.columns().isEmpty();
    boolean asksForKey = spec.columns().stream().anyMatch(key::contains);
    return columns.isEmpty() && !pkOnlyRow && !asksForKey ? null : new Row(key, columns);
  }

  private void checkCell(OperationType type, PlainBufferCell cell, long nowMillis) {
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

  private void put(
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

  private void update(
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
