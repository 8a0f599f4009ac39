package io.spillway.connect.redshift.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL the sink tests write to, and plain-JDBC reads of what arrived there. */
public final class Warehouse implements AutoCloseable {
  private final int port = Integer.getInteger("spillway.dev.pg.port", 55432);

  private Warehouse() {}

  public static Warehouse start() {
    return new Warehouse();
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return "spillway";
  }

  public String password() {
    return "spillway";
  }

  /** Creates an empty database (dropping one of that name) and returns its name. */
  public String createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(url("postgres"), user(), password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      s.execute("CREATE DATABASE \"" + name + "\"");
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
  }

  /** Every row of the query, as lists of JDBC objects. */
  public List<List<Object>> rows(String database, String sql) {
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
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  @Override
  public void close() {}
}
