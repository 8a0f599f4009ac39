package io.spillway.connect.bench;

import io.spillway.connect.common.testkit.LocalPostgres;
import java.util.List;

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

  /** Waits (polling every 100 ms) until the table is exact; returns the time that took. */
  void await(String database, String table, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    String last = "no table yet";
    while (System.currentTimeMillis() < deadline) {
      try {
        List<Object> row =
            postgres.query(database, "SELECT count(*), coalesce(sum(seq), 0) FROM " + table).get(0);
        long count = ((Number) row.get(0)).longValue();
        long sum = ((Number) row.get(1)).longValue();
        if (count == rows && sum == seqSum) {
          return;
        }
        last = count + " rows, seq sum " + sum;
      } catch (IllegalStateException e) {
        // the table does not exist yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "Timed out: expected " + rows + " rows with seq sum " + seqSum + ", last saw " + last);
  }
}
