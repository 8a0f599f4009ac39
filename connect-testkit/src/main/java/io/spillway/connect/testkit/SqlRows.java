package io.spillway.connect.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC reads and writes for tests, on any driver's connection. Parameters bind to {@code ?}
 * placeholders; without parameters the SQL goes as written, so a literal {@code ?} stays a {@code
 * ?}.
 */
public final class SqlRows {
  private SqlRows() {}

  /** Runs one statement (DDL or DML). */
  public static void execute(Connection connection, String sql, Object... params)
      throws SQLException {
    if (params.length == 0) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    } else {
      try (PreparedStatement statement = prepare(connection, sql, params)) {
        statement.execute();
      }
    }
  }

  /**
   * Every row of the query, each as a list of JDBC objects in column order (BIGINT is a Long, TEXT
   * a String, SQL NULL is null).
   */
  public static List<List<Object>> query(Connection connection, String sql, Object... params)
      throws SQLException {
    if (params.length == 0) {
      try (Statement statement = connection.createStatement()) {
        return rows(statement.executeQuery(sql));
      }
    }
    try (PreparedStatement statement = prepare(connection, sql, params)) {
      return rows(statement.executeQuery());
    }
  }

  private static List<List<Object>> rows(ResultSet result) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    int width = result.getMetaData().getColumnCount();
    while (result.next()) {
      List<Object> row = new ArrayList<>(width);
      for (int i = 1; i <= width; i++) {
        row.add(result.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... params)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
