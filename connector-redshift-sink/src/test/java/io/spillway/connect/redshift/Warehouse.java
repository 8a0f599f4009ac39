package io.spillway.connect.redshift;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL the sink tests write to, and plain-JDBC reads of what arrived there. */
final class Warehouse {
  private final int port = Integer.getInteger("spillway.dev.pg.port", 55432);

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  String user() {
    return "spillway";
  }

  String password() {
    return "spillway";
  }

  void createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), user(), password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
      s.execute("CREATE DATABASE \"" + name + "\"");
    }
  }

  List<List<Object>> rows(String database, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(database), user(), password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int width = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
