package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.RowChange;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.tablestore.client.InvalidRowException;
import io.spillway.connect.tablestore.client.RowSink;
import io.spillway.connect.tablestore.write.KeyLanes.Send;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * tablestore.mode=normal: one row per record in the record's table, through a {@link RowSink}. A
 * tombstone that deletes nothing is acknowledged at once (and counted). The rows of one primary key
 * land in record order, also across retries ({@link KeyLanes}).
 */
public final class WideColumnWriter implements TableWriter {
  private final TableNames tableNames;
  private final Function<String, TableLayout> layouts;
  private final RowMapper mapper;
  private final RowSink rows;
  private final WriteMetrics metrics;
  private final Map<String, TableLayout> layoutByTable = new HashMap<>();
  private final KeyLanes lanes = new KeyLanes();

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
    RowChange row = rowOf(pending);
    if (row == null) {
      metrics.tombstoneSkipped();
      pending.ack();
      return;
    }
    List<Send> sends =
        lanes.write(new KeyLanes.Key(row.getTableName(), row.getPrimaryKey()), pending);
    for (Send send : sends) {
      // Each send needs its own row: the client tells rows in flight apart by identity.
      boolean own = send.entry().pending == pending;
      send(send, own ? row : null, own);
    }
  }

  private RowChange rowOf(Pending pending) {
    String table = tableNames.tableOf(pending.record().topic());
    TableLayout layout = layoutByTable.computeIfAbsent(table, layouts);
    return mapper.map(pending.record(), layout);
  }

  /** Hands one row over; a row refused by the client throws only for the record being written. */
  private void send(Send send, RowChange row, boolean throwRefusal) {
    Pending pending = send.entry().pending;
    try {
      rows.write(
          row != null ? row : rowOf(pending),
          new RowSink.Callback() {
            @Override
            public void written() {
              metrics.written();
              lanes.written(send);
            }

            @Override
            public void failed(Exception error) {
              lanes.failed(send, error);
            }
          });
    } catch (RuntimeException e) {
      lanes.refused(send);
      RuntimeException refusal =
          e instanceof InvalidRowException
              ? new RejectedRecordException("Tablestore refuses the row: " + e.getMessage(), e)
              : e;
      if (throwRefusal) {
        throw refusal;
      }
      pending.fail(refusal);
    }
  }

  @Override
  public void forget(Collection<TopicPartition> partitions) {
    lanes.forget(partitions).forEach(send -> send(send, null, false));
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
