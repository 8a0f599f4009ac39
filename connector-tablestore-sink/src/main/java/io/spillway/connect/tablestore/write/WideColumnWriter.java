package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.RowChange;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.tablestore.client.InvalidRowException;
import io.spillway.connect.tablestore.client.RowSink;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * tablestore.mode=normal: one row per record in the record's table, through a {@link RowSink}. A
 * tombstone that deletes nothing is acknowledged at once (and counted).
 */
public final class WideColumnWriter implements TableWriter {
  private final TableNames tableNames;
  private final Function<String, TableLayout> layouts;
  private final RowMapper mapper;
  private final RowSink rows;
  private final WriteMetrics metrics;
  private final Map<String, TableLayout> layoutByTable = new HashMap<>();

  public WideColumnWriter(
      TableNames tableNames,
      Function<String, TableLayout> layouts,
      RowMapper mapper,
      RowSink rows,
      WriteMetrics metrics) {
    this.tableNames = tableNames;
    this.layouts = layouts;
    this.mapper = mapper;
    this.rows = rows;
    this.metrics = metrics;
  }

  @Override
  public void write(Pending pending) {
    String table = tableNames.tableOf(pending.record().topic());
    TableLayout layout = layoutByTable.computeIfAbsent(table, layouts);
    RowChange row = mapper.map(pending.record(), layout);
    if (row == null) {
      metrics.tombstoneSkipped();
      pending.ack();
      return;
    }
    try {
      rows.write(
          row,
          new RowSink.Callback() {
            @Override
            public void written() {
              metrics.written();
              pending.ack();
            }

            @Override
            public void failed(Exception error) {
              pending.fail(error);
            }
          });
    } catch (InvalidRowException e) {
      throw new RejectedRecordException("Tablestore refuses the row: " + e.getMessage(), e);
    }
  }

  @Override
  public void flush() {
    rows.flush();
  }

  @Override
  public void close() {
    rows.close();
  }
}
