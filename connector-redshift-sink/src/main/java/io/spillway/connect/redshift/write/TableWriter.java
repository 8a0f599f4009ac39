package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes one table's reduced batch in one transaction. Insert mode appends the rows with multi-row
 * INSERTs. Upsert mode loads the rows and deletes into a temporary staging table, then merges
 * set-based: DELETE ... USING staging removes every key the batch touches, INSERT ... SELECT adds
 * the new versions. A replayed batch therefore leaves exactly one row per key.
 */
public final class TableWriter {
  static final String STAGING = "spillway_staging";
  static final String DELETE_FLAG = "__spillway_delete";

  private final Dialect dialect;
  private final boolean useCopy;

  /**
   * @param useCopy load through COPY FROM STDIN when the connection is PostgreSQL's; else multi-row
   *     INSERTs
   */
  public TableWriter(Dialect dialect, boolean useCopy) {
    this.dialect = dialect;
    this.useCopy = useCopy;
  }

  /** Counts of what one write did. */
  public record Written(int upserted, int deleted) {}

  public Written insert(
      Connection connection, TableId table, Map<String, DbColumn> existing, List<Change> changes)
      throws SQLException {
    List<DbColumn> columns = columnsOf(existing, changes);
    try {
      new StagingLoader(dialect)
          .load(connection, dialect.table(table.schema(), table.table()), columns, null, changes);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection);
      throw e;
    }
    return new Written(changes.size(), 0);
  }

  public Written upsert(
      Connection connection,
      TableId table,
      Map<String, DbColumn> existing,
      List<String> keyColumns,
      List<Change> changes)
      throws SQLException {
    List<DbColumn> columns = columnsOf(existing, changes);
    String target = dialect.table(table.schema(), table.table());
    String staging = dialect.quote(STAGING);
    String flag = dialect.quote(DELETE_FLAG);
    int deletes = (int) changes.stream().filter(Change::delete).count();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE " + staging + " (LIKE " + target + ")");
      statement.execute("ALTER TABLE " + staging + " ADD COLUMN " + flag + " BOOLEAN");
      load(connection, staging, columns, flag, changes);
      String match =
          keyColumns.stream()
              .map(dialect::quote)
              .map(column -> target + "." + column + " = " + staging + "." + column)
              .collect(Collectors.joining(" AND "));
      statement.executeUpdate("DELETE FROM " + target + " USING " + staging + " WHERE " + match);
      if (deletes < changes.size()) {
        String list =
            columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        statement.executeUpdate(
            "INSERT INTO "
                + target
                + " ("
                + list
                + ") SELECT "
                + list
                + " FROM "
                + staging
                + " WHERE NOT "
                + flag);
      }
      statement.execute("DROP TABLE " + staging);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection);
      throw e;
    }
    return new Written(changes.size() - deletes, deletes);
  }

  private void load(
      Connection connection,
      String table,
      List<DbColumn> columns,
      String deleteFlag,
      List<Change> changes)
      throws SQLException {
    if (useCopy && CopyLoader.available(connection)) {
      new CopyLoader(dialect).load(connection, table, columns, deleteFlag, changes);
    } else {
      new StagingLoader(dialect).load(connection, table, columns, deleteFlag, changes);
    }
  }

  /** The table's columns that the changes carry, in table order. */
  private static List<DbColumn> columnsOf(Map<String, DbColumn> existing, List<Change> changes) {
    Set<String> used = new HashSet<>();
    for (Change change : changes) {
      if (used.size() == existing.size()) {
        break; // every column of the table is carried already: the rest cannot add one
      }
      for (Map.Entry<String, Cell> cell : change.cells().entrySet()) {
        if ((change.delete() || cell.getValue().value() != null)
            && existing.containsKey(cell.getKey())) {
          used.add(cell.getKey());
        }
      }
    }
    List<DbColumn> columns = new ArrayList<>(used.size());
    for (DbColumn column : existing.values()) {
      if (used.contains(column.name())) {
        columns.add(column);
      }
    }
    return columns;
  }

  static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the caller reports the original error.
    }
  }
}
