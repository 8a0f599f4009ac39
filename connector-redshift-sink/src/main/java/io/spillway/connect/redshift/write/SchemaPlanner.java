package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.TypeWidening;
import io.spillway.connect.redshift.dialect.CellValues;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.Dialect;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Plans the schema changes a batch needs: the table to create, the columns to add, the columns to
 * widen (only with auto.widen), and the changes whose values fit no column. A new column takes the
 * declared type of the first record (in batch order) that carries the field, not the widest of the
 * batch, so where batches happen to start decides nothing but that record; the batch's other values
 * go to it by value ({@link CellValues#misfit}) as to an existing column: a misfit widens it with
 * auto.widen ({@link TypeWidening}) and goes to the error policy without. It never drops, renames
 * or narrows a column.
 */
public final class SchemaPlanner {
  private final Dialect dialect;
  private final boolean autoCreate;
  private final boolean autoEvolve;
  private final boolean autoWiden;

  public SchemaPlanner(Dialect dialect, boolean autoCreate, boolean autoEvolve, boolean autoWiden) {
    this.dialect = dialect;
    this.autoCreate = autoCreate;
    this.autoEvolve = autoEvolve;
    this.autoWiden = autoWiden;
  }

  /** A column to widen so it holds values of {@code type} (and a decimal's scale). */
  public record Widening(String column, ColumnType type, int scale) {}

  /** What to do before writing a batch. */
  public record Plan(
      boolean createTable,
      List<DbColumn> newColumns,
      List<Widening> widenings,
      Map<Change, String> rejected,
      List<Change> accepted) {}

  /**
   * @param existing the table's columns, or null when it does not exist yet
   */
  public Plan plan(TableId table, Map<String, DbColumn> existing, List<Change> changes) {
    if (existing == null && !autoCreate) {
      throw new ConnectException(
          "Table " + table + " does not exist and auto.create is false: create it first");
    }
    Map<String, Cell> first = new LinkedHashMap<>();
    Map<String, Cell> widen = new LinkedHashMap<>();
    Map<Change, String> rejected = new IdentityHashMap<>();
    for (Change change : changes) {
      for (Map.Entry<String, Cell> entry : change.cells().entrySet()) {
        Cell cell = entry.getValue();
        String column = entry.getKey();
        if (cell.type() == ColumnType.UNKNOWN) {
          continue;
        }
        DbColumn current = existing == null ? null : existing.get(column);
        if (current != null) {
          if (autoWiden && !CellValues.fitsType(cell, current)) {
            widen.merge(column, cell, SchemaPlanner::wider);
          }
        } else if (existing != null && !autoEvolve) {
          rejected.putIfAbsent(
              change,
              "column \""
                  + column
                  + "\" does not exist in table "
                  + table
                  + " and auto.evolve is false");
        } else {
          first.putIfAbsent(column, cell);
        }
      }
    }
    Map<String, DbColumn> planned = new LinkedHashMap<>();
    first.forEach((column, cell) -> planned.put(column, newColumn(column, cell, changes)));
    Map<String, DbColumn> target = new LinkedHashMap<>();
    if (existing != null) {
      target.putAll(existing);
    }
    List<Widening> widenings = new ArrayList<>();
    widen.forEach(
        (column, cell) -> {
          DbColumn current = existing.get(column);
          Widening widening = widening(current, cell);
          if (widening != null) {
            widenings.add(widening);
            target.put(column, dialect.planned(column, widening.type(), widening.scale()));
          }
        });
    target.putAll(planned);
    List<Change> accepted = new ArrayList<>(changes.size());
    for (Change change : changes) {
      String reason = rejected.get(change);
      if (reason == null) {
        reason = misfit(change, target);
      }
      if (reason == null) {
        accepted.add(change);
      } else {
        rejected.put(change, reason);
      }
    }
    return new Plan(
        existing == null, new ArrayList<>(planned.values()), widenings, rejected, accepted);
  }

  /**
   * A new column of the first cell's type; text if that value does not fit it (a decimal beyond
   * DECIMAL(38, s), say). With auto.widen, widened as an existing column would be by the batch's
   * later values that do not fit it.
   */
  private DbColumn newColumn(String column, Cell first, List<Change> changes) {
    DbColumn planned = dialect.planned(column, first);
    if (!CellValues.fitsType(first, planned)) {
      planned = dialect.planned(column, ColumnType.STRING, 0);
    }
    if (!autoWiden) {
      return planned;
    }
    for (Change change : changes) {
      Cell cell = change.cells().get(column);
      if (cell != null
          && cell.type() != ColumnType.UNKNOWN
          && !CellValues.fitsType(cell, planned)) {
        Widening widening = widening(planned, cell);
        if (widening != null) {
          planned = dialect.planned(column, widening.type(), widening.scale());
        }
      }
    }
    return planned;
  }

  /** The widening that makes {@code current} hold the cell, or null when none can (text). */
  private Widening widening(DbColumn current, Cell cell) {
    ColumnType from = current.kind().columnType();
    if (from == null || from == ColumnType.STRING || from == ColumnType.JSON) {
      return null;
    }
    ColumnType to = TypeWidening.wider(from, cell.type());
    if (to == from
        || !CellValues.fitsType(cell, dialect.planned(current.name(), to, cell.scale()))) {
      to = ColumnType.STRING;
    }
    return new Widening(current.name(), to, to == ColumnType.DECIMAL ? cell.scale() : 0);
  }

  private String misfit(Change change, Map<String, DbColumn> columns) {
    for (Map.Entry<String, Cell> entry : change.cells().entrySet()) {
      DbColumn column = columns.get(entry.getKey());
      if (column != null) {
        String reason = CellValues.misfit(entry.getValue(), column, dialect.varcharInBytes());
        if (reason != null) {
          return reason;
        }
      }
    }
    return null;
  }

  /** The cell whose type holds both: {@link TypeWidening}, decimals to the larger scale. */
  static Cell wider(Cell a, Cell b) {
    ColumnType type = TypeWidening.wider(a.type(), b.type());
    if (type == a.type() && type == b.type()) {
      return a.scale() >= b.scale() ? a : b;
    }
    int scale = type == ColumnType.DECIMAL ? Math.max(a.scale(), b.scale()) : 0;
    return new Cell(a.name(), type, scale, null);
  }
}
