package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
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
 * Plans the schema changes a batch needs: the table to create, the columns to add (typed by the
 * widest value the batch holds for them: int → float → string), and the changes whose values do not
 * fit an existing column. It never drops, renames or narrows a column.
 */
public final class SchemaPlanner {
  private final Dialect dialect;
  private final boolean autoCreate;
  private final boolean autoEvolve;

  public SchemaPlanner(Dialect dialect, boolean autoCreate, boolean autoEvolve) {
    this.dialect = dialect;
    this.autoCreate = autoCreate;
    this.autoEvolve = autoEvolve;
  }

  /** What to do before writing a batch. */
  public record Plan(
      boolean createTable,
      List<DbColumn> newColumns,
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
    Map<String, Cell> widest = new LinkedHashMap<>();
    Map<Change, String> rejected = new IdentityHashMap<>();
    for (Change change : changes) {
      for (Map.Entry<String, Cell> entry : change.cells().entrySet()) {
        Cell cell = entry.getValue();
        String column = entry.getKey();
        if (cell.type() == ColumnType.UNKNOWN
            || (existing != null && existing.containsKey(column))) {
          continue;
        }
        if (existing != null && !autoEvolve) {
          rejected.putIfAbsent(
              change,
              "column \""
                  + column
                  + "\" does not exist in table "
                  + table
                  + " and auto.evolve is false");
          continue;
        }
        widest.merge(column, cell, SchemaPlanner::wider);
      }
    }
    Map<String, DbColumn> planned = new LinkedHashMap<>();
    widest.forEach((column, cell) -> planned.put(column, dialect.planned(column, cell)));
    List<Change> accepted = new ArrayList<>(changes.size());
    for (Change change : changes) {
      String reason = rejected.get(change);
      if (reason == null) {
        reason = misfit(change, existing, planned);
      }
      if (reason == null) {
        accepted.add(change);
      } else {
        rejected.put(change, reason);
      }
    }
    return new Plan(existing == null, new ArrayList<>(planned.values()), rejected, accepted);
  }

  private String misfit(
      Change change, Map<String, DbColumn> existing, Map<String, DbColumn> planned) {
    for (Map.Entry<String, Cell> entry : change.cells().entrySet()) {
      DbColumn column = existing == null ? null : existing.get(entry.getKey());
      if (column == null) {
        column = planned.get(entry.getKey());
      }
      if (column != null) {
        String reason = CellValues.misfit(entry.getValue(), column, dialect.varcharInBytes());
        if (reason != null) {
          return reason;
        }
      }
    }
    return null;
  }

  /**
   * The type of a new column that two values of one batch need: the wider integer, float for mixed
   * numbers, timestamp for dates and timestamps.
   */
  static Cell wider(Cell a, Cell b) {
    ColumnType x = a.type();
    ColumnType y = b.type();
    if (x == y) {
      return a.scale() >= b.scale() ? a : b;
    }
    if (x.isInteger() && y.isInteger()) {
      return x.ordinal() > y.ordinal() ? a : b;
    }
    if (x.isNumeric() && y.isNumeric()) {
      return Cell.of(a.name(), ColumnType.FLOAT64, null);
    }
    if ((x == ColumnType.TIMESTAMP && y == ColumnType.DATE)
        || (x == ColumnType.DATE && y == ColumnType.TIMESTAMP)) {
      return Cell.of(a.name(), ColumnType.TIMESTAMP, null);
    }
    // Any other disagreement is a conflict, not drift: the first type wins and the values that
    // do not fit it go to the error policy with a reason.
    return a;
  }
}
