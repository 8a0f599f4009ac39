package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.BatchBuffer;
import io.spillway.connect.common.sink.ReducingBuffer;
import io.spillway.connect.common.sink.RejectedRecordException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The Redshift sink's buffer: changes per table, reduced by key, written table by table through the
 * {@link BatchWriter}. A lost connection or a conflict is retriable; the connection and the cached
 * table shapes are then dropped, since either may be stale.
 */
public final class TableBuffers implements BatchBuffer {
  private final ChangeBuilder changes;
  private final BatchWriter writer;
  private final Connections connections;
  private final SinkMetrics metrics;
  private final Map<TableId, ReducingBuffer<Change>> buffers = new LinkedHashMap<>();

  public TableBuffers(
      ChangeBuilder changes, BatchWriter writer, Connections connections, SinkMetrics metrics) {
    this.changes = changes;
    this.writer = writer;
    this.connections = connections;
    this.metrics = metrics;
  }

  @Override
  public boolean add(SinkRecord record) {
    Change change;
    try {
      change = changes.build(record);
    } catch (RejectedRecordException e) {
      metrics.rejected(changes.table(record.topic()), 1);
      throw e;
    }
    if (change == null) {
      return false;
    }
    buffers.computeIfAbsent(change.table(), t -> new ReducingBuffer<>()).add(change.key(), change);
    return true;
  }

  @Override
  public void write() {
    try {
      for (Map.Entry<TableId, ReducingBuffer<Change>> entry : buffers.entrySet()) {
        writer.write(connections.get(), entry.getKey(), entry.getValue());
      }
      buffers.clear();
    } catch (SQLException e) {
      connections.reset();
      writer.forgetCatalog();
      if (!SqlErrors.retriable(e) && !SqlErrors.staleCatalog(e)) {
        throw new ConnectException("Writing to the warehouse failed: " + e.getMessage(), e);
      }
      metrics.retry();
      throw new RetriableException(e.getMessage(), e);
    }
  }

  @Override
  public void drop(Set<TopicPartition> partitions) {
    for (ReducingBuffer<Change> buffer : buffers.values()) {
      buffer.removeIf(
          change ->
              partitions.contains(
                  new TopicPartition(
                      change.record().originalTopic(), change.record().originalKafkaPartition())));
    }
    buffers.values().removeIf(ReducingBuffer::isEmpty);
  }
}
