package io.spillway.connect.bench;

import io.spillway.connect.testkit.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether a database's bench table holds exactly the final state of a topic of changes. */
final class FinalState {
  private final LocalPostgres postgres;
  private final UpsertChanges changes;

  FinalState(LocalPostgres postgres, UpsertChanges changes) {
    this.postgres = postgres;
    this.changes = changes;
  }

  /**
   * Waits (polling every 100 ms over one connection, so that the polling costs the database little)
   * until the table has one row per key and the sum of {@code seq} is that of each key's last
   * change: the end of a timed run.
   */
  void await(String database, long timeoutMillis) throws InterruptedException {
    long started = System.currentTimeMillis();
    long deadline = started + timeoutMillis;
    String last = "no table yet";
    try (Connection connection = connect(database)) {
      while (System.currentTimeMillis() < deadline) {
        try (Statement statement = connection.createStatement();
            ResultSet row =
                statement.executeQuery(
                    "SELECT count(*), coalesce(sum(seq), 0) FROM " + UpsertChanges.TABLE)) {
          row.next();
          long count = row.getLong(1);
          long sum = row.getLong(2);
          if (count == changes.liveRows() && sum == changes.seqSum()) {
            return;
          }
          last = count + " rows, seq sum " + sum;
        } catch (SQLException e) {
          // the table does not exist yet
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to " + database, e);
    }
    throw new IllegalStateException(
        String.format(
            "Timed out: expected %d rows with seq sum %d in %s, last saw %s",
            changes.liveRows(), changes.seqSum(), database, last));
  }

  /**
   * Throws unless the table is exactly the final state: one row per live key ({@code id} distinct),
   * the seq sum of the last changes, and every row's columns from one change ({@code note} names
   * that row's seq and id).
   */
  void verify(String database) {
    String sql =
        "SELECT count(*), count(DISTINCT id), coalesce(sum(seq), 0),"
            + " count(*) FILTER (WHERE note IS DISTINCT FROM 'note ' || seq || ' for order ' || id)"
            + " FROM "
            + UpsertChanges.TABLE;
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      long count = row.getLong(1);
      long distinct = row.getLong(2);
      long sum = row.getLong(3);
      long mixed = row.getLong(4);
      if (count != changes.liveRows()
          || distinct != count
          || sum != changes.seqSum()
          || mixed != 0) {
        throw new IllegalStateException(
            String.format(
                "%s.%s: %d rows (%d distinct ids), seq sum %d, %d rows mixing two changes;"
                    + " expected %d rows, seq sum %d, none mixed",
                database,
                UpsertChanges.TABLE,
                count,
                distinct,
                sum,
                mixed,
                changes.liveRows(),
                changes.seqSum()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read " + database, e);
    }
  }

  private Connection connect(String database) throws SQLException {
    Connection connection =
        DriverManager.getConnection(
            postgres.jdbcUrl(database), postgres.user(), postgres.password());
    connection.setAutoCommit(true);
    return connection;
  }
}
