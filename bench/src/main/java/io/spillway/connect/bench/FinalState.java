package io.spillway.connect.bench;

import io.spillway.connect.testkit.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether a database's bench table holds exactly the final state of the produced changes. */
final class FinalState {
  private final LocalPostgres postgres;
  private final long rows;
  private final long seqSum;

  FinalState(LocalPostgres postgres, long rows, long seqSum) {
    this.postgres = postgres;
    this.rows = rows;
    this.seqSum = seqSum;
  }

  /**
   * Waits (polling every 100 ms over one connection, so that the polling costs the database little)
   * until the table is exact.
   */
  void await(String database, String table, long timeoutMillis) throws InterruptedException {
    long started = System.currentTimeMillis();
    long deadline = started + timeoutMillis;
    String last = "no table yet";
    boolean seenRows = false;
    try (Connection connection =
        DriverManager.getConnection(
            postgres.jdbcUrl(database), postgres.user(), postgres.password())) {
      connection.setAutoCommit(true);
      while (System.currentTimeMillis() < deadline) {
        try (Statement statement = connection.createStatement();
            ResultSet row =
                statement.executeQuery("SELECT count(*), coalesce(sum(seq), 0) FROM " + table)) {
          row.next();
          long count = row.getLong(1);
          long sum = row.getLong(2);
          if (count > 0 && !seenRows) {
            seenRows = true; // the start-up share of a run: task start, group join, first batch
            System.out.printf(
                "  first rows in %s after %.1f s%n",
                database, (System.currentTimeMillis() - started) / 1e3);
          }
          if (count == rows && sum == seqSum) {
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
        "Timed out: expected " + rows + " rows with seq sum " + seqSum + ", last saw " + last);
  }
}
