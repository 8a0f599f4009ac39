package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Loads rows with multi-row INSERT statements and bound parameters, as many rows per statement as
 * the Redshift driver's 32767 bind parameters allow; a full-size statement is prepared once and
 * reused.
 */
final class StagingLoader {
  private final Dialect dialect;

  StagingLoader(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * @param deleteFlag the staging table's delete flag column (quoted), or null to load rows only
   */
  void load(
      Connection connection,
      String table,
      List<DbColumn> columns,
      String deleteFlag,
      List<Change> changes)
      throws SQLException {
    int width = columns.size() + (deleteFlag == null ? 0 : 1);
    int rowsPerStatement =
        Math.max(1, Math.min(changes.size(), Dialect.MAX_BIND_PARAMETERS / width));
    PreparedStatement full = null;
    try {
      for (int from = 0; from < changes.size(); from += rowsPerStatement) {
        int rows = Math.min(rowsPerStatement, changes.size() - from);
        PreparedStatement statement;
        if (rows == rowsPerStatement) {
          if (full == null) {
            full = connection.prepareStatement(sql(table, columns, deleteFlag, rows));
          }
          statement = full;
        } else {
          statement = connection.prepareStatement(sql(table, columns, deleteFlag, rows));
        }
        try {
          int index = 1;
          for (Change change : changes.subList(from, from + rows)) {
            for (DbColumn column : columns) {
              Cell cell = change.cells().get(column.name());
              if (cell == null) {
                statement.setNull(index++, Types.NULL);
              } else {
                dialect.bind(statement, index++, column, cell);
              }
            }
            if (deleteFlag != null) {
              statement.setBoolean(index++, change.delete());
            }
          }
          statement.executeUpdate();
        } finally {
          if (statement != full) {
            statement.close();
          }
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
  }

  private String sql(String table, List<DbColumn> columns, String deleteFlag, int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    StringBuilder row = new StringBuilder("(");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sql.append(", ");
        row.append(", ");
      }
      sql.append(dialect.quote(columns.get(i).name()));
      row.append(dialect.placeholder(columns.get(i)));
    }
    if (deleteFlag != null) {
      sql.append(columns.isEmpty() ? "" : ", ").append(deleteFlag);
      row.append(columns.isEmpty() ? "?" : ", ?");
    }
    sql.append(") VALUES ");
    row.append(')');
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(row);
    }
    return sql.toString();
  }
}
