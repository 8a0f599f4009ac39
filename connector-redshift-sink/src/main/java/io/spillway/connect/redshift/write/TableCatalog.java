package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.TypeWidening;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.Dialect;
import io.spillway.connect.redshift.dialect.SqlKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the destination's tables look like, read from information_schema (which Redshift and
 * PostgreSQL both have; Redshift's JDBC metadata calls need svv_* views that PostgreSQL lacks),
 * cached per table, and the DDL that creates tables, adds columns and widens them (auto.widen).
 * Concurrent tasks may race on the same DDL: the loser's "already exists" is not an error, it just
 * re-reads the table.
 */
public final class TableCatalog {
  private static final String COLUMNS_SQL =
      "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale"
          + " FROM information_schema.columns"
          + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";

  private final Dialect dialect;
  private final Map<TableId, Map<String, DbColumn>> cache = new HashMap<>();

  public TableCatalog(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The table's columns by identifier, in table order; null when the table does not exist. */
  public Map<String, DbColumn> columns(Connection connection, TableId table) throws SQLException {
    Map<String, DbColumn> columns = cache.get(table);
    if (columns == null) {
      columns = load(connection, table);
      if (columns != null) {
        cache.put(table, columns);
      }
    }
    return columns;
  }

  public void forget(TableId table) {
    cache.remove(table);
  }

  public void forgetAll() {
    cache.clear();
  }

  private static Map<String, DbColumn> load(Connection connection, TableId table)
      throws SQLException {
    Map<String, DbColumn> columns = read(connection, table);
    connection.commit();
    return columns.isEmpty() ? null : columns;
  }

  /** The table's columns as the current transaction sees them (empty: no such table). */
  private static Map<String, DbColumn> read(Connection connection, TableId table)
      throws SQLException {
    Map<String, DbColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          columns.put(
              name,
              DbColumn.of(
                  name, rows.getString(2), integer(rows, 3), integer(rows, 4), integer(rows, 5)));
        }
      }
    }
    return columns;
  }

  private static Integer integer(ResultSet rows, int index) throws SQLException {
    int value = rows.getInt(index);
    return rows.wasNull() ? null : value;
  }

  /**
   * Creates the table with these columns, without a primary key constraint, and (where the dialect
   * has indexes) a non-unique index on the merge key, so each merge's DELETE ... USING finds its
   * rows without scanning the table.
   */
  public void create(
      Connection connection, TableId table, List<DbColumn> columns, List<String> keyColumns)
      throws SQLException {
    String definition =
        columns.stream()
            .map(column -> dialect.quote(column.name()) + " " + column.dataType())
            .collect(Collectors.joining(", "));
    if (!"public".equals(table.schema())) {
      ddl(connection, table, "CREATE SCHEMA IF NOT EXISTS " + dialect.quote(table.schema()));
    }
    ddl(
        connection,
        table,
        "CREATE TABLE IF NOT EXISTS "
            + dialect.table(table.schema(), table.table())
            + " ("
            + definition
            + ")");
    if (dialect.indexesMergeKeys() && !keyColumns.isEmpty()) {
      ddl(
          connection,
          table,
          "CREATE INDEX IF NOT EXISTS "
              + dialect.quote(dialect.identifier(table.table() + "_spillway_merge_key"))
              + " ON "
              + dialect.table(table.schema(), table.table())
              + " ("
              + keyColumns.stream().map(dialect::quote).collect(Collectors.joining(", "))
              + ")");
    }
  }

  /** Adds one nullable column (Redshift adds one column per statement). */
  public void addColumn(Connection connection, TableId table, DbColumn column) throws SQLException {
    ddl(
        connection,
        table,
        "ALTER TABLE "
            + dialect.table(table.schema(), table.table())
            + " ADD COLUMN "
            + (dialect.hasAddColumnIfNotExists() ? "IF NOT EXISTS " : "")
            + dialect.quote(column.name())
            + " "
            + column.dataType());
  }

  /**
   * Widens one column to hold values of {@code type} (auto.widen), in one transaction that locks
   * the table first, so concurrent tasks widen one after the other: each re-reads the column under
   * the lock and widens only what is still narrower, to the wider of its own need and what it
   * finds, so a column never narrows. Integers beyond 53 bits that float64 would round make it text
   * instead.
   */
  public void widen(Connection connection, TableId table, String name, ColumnType type, int scale)
      throws SQLException {
    String target = dialect.table(table.schema(), table.table());
    try (Statement statement = connection.createStatement()) {
      statement.execute("LOCK TABLE " + target);
      DbColumn current = read(connection, table).get(name);
      ColumnType from = current == null ? null : current.kind().columnType();
      if (from == null
          || from == ColumnType.JSON
          || TypeWidening.isWiderOrSame(from, type) && from != ColumnType.DECIMAL) {
        connection.commit(); // gone, or another task widened it meanwhile
        return;
      }
      ColumnType wider = TypeWidening.wider(from, type);
      if (wider == from
          || wider == ColumnType.FLOAT64 && roundsInFloat(statement, target, current)) {
        wider = ColumnType.STRING;
      }
      DbColumn to = dialect.planned(name, wider, scale);
      for (String sql : dialect.widenColumn(target, current, to)) {
        statement.execute(sql);
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      TableWriter.rollbackQuietly(connection);
      throw e;
    } finally {
      forget(table);
    }
  }

  private boolean roundsInFloat(Statement statement, String table, DbColumn column)
      throws SQLException {
    if (column.kind() != SqlKind.BIGINT) {
      return false;
    }
    String quoted = dialect.quote(column.name());
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT COUNT(*) FROM "
                + table
                + " WHERE "
                + quoted
                + " NOT BETWEEN -9007199254740992 AND 9007199254740992")) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }

  private void ddl(Connection connection, TableId table, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      if (!SqlErrors.alreadyExists(e)) {
        throw e;
      }
    } finally {
      forget(table);
    }
  }
}
