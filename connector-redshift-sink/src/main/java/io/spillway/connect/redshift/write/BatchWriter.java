package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.BadRowIsolator;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.ReducingBuffer;
import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.RedshiftSinkConfig.InsertMode;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Writes the buffered changes of every table: plan schema changes, apply the DDL, write the batch
 * in one transaction. A batch the database refuses for a data error is split in halves until the
 * offending records are isolated ({@link BadRowIsolator}); they go to the error policy and the rest
 * is still written. Retriable errors propagate as SQLExceptions with the unwritten changes still
 * buffered.
 */
public final class BatchWriter {
  private final RedshiftSinkConfig config;
  private final TableCatalog catalog;
  private final SchemaPlanner planner;
  private final TableWriter writer;
  private final ErrantRecords errant;
  private final SinkMetrics metrics;

  public BatchWriter(
      RedshiftSinkConfig config, Dialect dialect, ErrantRecords errant, SinkMetrics metrics) {
    this.config = config;
    this.catalog = new TableCatalog(dialect);
    this.planner =
        new SchemaPlanner(dialect, config.autoCreate(), config.autoEvolve(), config.autoWiden());
    this.writer = new TableWriter(dialect, dialect.supportsCopy());
    this.errant = errant;
    this.metrics = metrics;
  }

  /** Writes and empties one table's buffer; on an exception, what is not written stays. */
  public void write(Connection connection, TableId table, ReducingBuffer<Change> buffer)
      throws SQLException {
    List<Change> changes = buffer.changes();
    if (changes.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    SchemaPlanner.Plan plan = planner.plan(table, catalog.columns(connection, table), changes);
    applyDdl(connection, table, plan, changes.get(0).keyColumns());
    if (!plan.rejected().isEmpty()) {
      plan.rejected().forEach((change, reason) -> errant.report(change.record(), reason, null));
      metrics.rejected(table, plan.rejected().size());
      buffer.removeAll(plan.rejected().keySet());
    }
    Map<String, DbColumn> columns = catalog.columns(connection, table);
    if (columns == null) {
      throw new SQLException("Table " + table + " vanished right after it was created", "42P01");
    }
    for (DbColumn column : plan.newColumns()) {
      if (!columns.containsKey(column.name())) {
        // Never write a batch without a column it carries: that would drop values silently.
        throw new ConnectException(
            "Column \""
                + column.name()
                + "\" was added to "
                + table
                + " but the database does not list it (does it truncate identifiers?)");
      }
    }
    writeIsolatingBadRows(connection, table, columns, plan.accepted(), buffer);
    metrics.batch(System.nanoTime() - started);
  }

  private void applyDdl(
      Connection connection, TableId table, SchemaPlanner.Plan plan, List<String> keyColumns)
      throws SQLException {
    if (plan.createTable()) {
      boolean merged = config.insertMode() == InsertMode.UPSERT;
      catalog.create(connection, table, plan.newColumns(), merged ? keyColumns : List.of());
      metrics.schemaChange();
      return;
    }
    for (DbColumn column : plan.newColumns()) {
      catalog.addColumn(connection, table, column);
      metrics.schemaChange();
    }
    for (SchemaPlanner.Widening widening : plan.widenings()) {
      catalog.widen(connection, table, widening.column(), widening.type(), widening.scale());
      metrics.schemaChange();
    }
  }

  private void writeIsolatingBadRows(
      Connection connection,
      TableId table,
      Map<String, DbColumn> columns,
      List<Change> changes,
      ReducingBuffer<Change> buffer)
      throws SQLException {
    BadRowIsolator.write(
        changes,
        rows -> {
          TableWriter.Written written = writeRows(connection, table, columns, rows);
          if (rows.size() == buffer.size()) {
            // rows are distinct changes of this buffer: as many as it holds is all of it (the
            // common case, without an identity set of the whole batch)
            buffer.clear();
          } else {
            buffer.removeAll(rows);
          }
          metrics.written(written.upserted(), written.deleted());
        },
        e -> SqlErrors.dataError(e) && !SqlErrors.retriable(e) && !SqlErrors.staleCatalog(e),
        (change, e) -> {
          errant.report(change.record(), SqlErrors.reason(e), e);
          metrics.rejected(table, 1);
          buffer.removeAll(List.of(change));
        });
  }

  private TableWriter.Written writeRows(
      Connection connection, TableId table, Map<String, DbColumn> columns, List<Change> changes)
      throws SQLException {
    try {
      return config.insertMode() == InsertMode.UPSERT
          ? writer.upsert(connection, table, columns, changes.get(0).keyColumns(), changes)
          : writer.insert(connection, table, columns, changes);
    } catch (SQLException e) {
      if (SqlErrors.staleCatalog(e)) {
        catalog.forget(table);
      }
      throw e;
    }
  }

  /** Forgets cached table shapes, e.g. after reconnecting. */
  public void forgetCatalog() {
    catalog.forgetAll();
  }
}
