package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.OperationType;
import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/** One table's rows in primary key order, each column with its versions (newest first). */
final class MemoryTable {
  static final int MAX_ROWS_PER_RANGE = 5000;

  /** A range read: the rows, and where the next read starts (null when the range is done). */
  record Range(List<Row> rows, PrimaryKey next) {}

  final TableSchema schema;
  private final NavigableMap<PrimaryKey, NavigableMap<String, NavigableMap<Long, ColumnValue>>>
      rows = new TreeMap<>(PkOrder.INSTANCE);
  // Rows put without attribute columns: they exist with their key alone. A row an update leaves
  // without columns does not.
  private final NavigableSet<PrimaryKey> keyOnlyRows = new TreeSet<>(PkOrder.INSTANCE);
  // Like Tablestore's, auto-increment values are large, unique and increasing, not 1, 2, 3.
  private final AtomicLong autoIncrement = new AtomicLong(System.currentTimeMillis() * 1000);

  private final RowCells cells;

  MemoryTable(TableSchema schema) {
    this.schema = schema;
    this.cells = new RowCells(schema);
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
      this.cells.check(type, cell, nowMillis);
    }
    boolean exists = rows.containsKey(key);
    if (expect == RowExistenceExpectation.EXPECT_EXIST && !exists
        || expect == RowExistenceExpectation.EXPECT_NOT_EXIST && exists) {
      throw OtsException.conditionFailed();
    }
    switch (type) {
      case DELETE -> {
        rows.remove(key);
        keyOnlyRows.remove(key);
      }
      case PUT -> {
        NavigableMap<String, NavigableMap<Long, ColumnValue>> row = new TreeMap<>();
        cells.forEach(cell -> this.cells.put(row, cell, nowMillis));
        rows.put(key, row);
        if (row.isEmpty()) {
          keyOnlyRows.add(key);
        } else {
          keyOnlyRows.remove(key);
        }
      }
      case UPDATE -> {
        NavigableMap<String, NavigableMap<Long, ColumnValue>> row =
            rows.computeIfAbsent(key, k -> new TreeMap<>());
        cells.forEach(cell -> this.cells.update(row, cell, nowMillis));
        if (row.isEmpty() && !keyOnlyRows.contains(key)) {
          rows.remove(key);
        }
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
    boolean pkOnlyRow = row.isEmpty() && keyOnlyRows.contains(key) && spec.columns().isEmpty();
    boolean asksForKey = spec.columns().stream().anyMatch(key::contains);
    return columns.isEmpty() && !pkOnlyRow && !asksForKey ? null : new Row(key, columns);
  }
}
