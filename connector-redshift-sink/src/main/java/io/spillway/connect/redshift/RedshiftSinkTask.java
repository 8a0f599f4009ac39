package io.spillway.connect.redshift;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.ReducingBuffer;
import io.spillway.connect.common.sink.SinkOffsets;
import io.spillway.connect.redshift.dialect.Dialect;
import io.spillway.connect.redshift.write.BatchWriter;
import io.spillway.connect.redshift.write.Change;
import io.spillway.connect.redshift.write.ChangeBuilder;
import io.spillway.connect.redshift.write.Connections;
import io.spillway.connect.redshift.write.RejectedRecordException;
import io.spillway.connect.redshift.write.SinkMetrics;
import io.spillway.connect.redshift.write.SqlErrors;
import io.spillway.connect.redshift.write.TableId;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers records per table, reduced by key, and writes a table's batch when the buffer is full,
 * when its oldest record has waited long enough, and before every offset commit. Offsets are handed
 * to Connect only for records that are written or reported to the error policy.
 */
public class RedshiftSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(RedshiftSinkTask.class);
  private static final long MAX_BACKOFF_MS = 60_000L;

  private RedshiftSinkConfig config;
  private ChangeBuilder changes;
  private BatchWriter writer;
  private Connections connections;
  private ErrantRecords errant;
  private SinkMetrics metrics;
  private final SinkOffsets offsets = new SinkOffsets();
  private final Map<TableId, ReducingBuffer<Change>> buffers = new LinkedHashMap<>();
  private int buffered;
  private long oldestBufferedAt;
  private int failedAttempts;
  private long nextAttemptAt;

  @Override
  public void start(Map<String, String> props) {
    config = new RedshiftSinkConfig(props);
    Dialect dialect = Dialect.of(config);
    ErrantRecordReporter reporter = errantRecordReporter();
    errant = new ErrantRecords(config.errorTolerance(), reporter);
    metrics = new SinkMetrics(pluginMetrics());
    changes = new ChangeBuilder(config, dialect);
    connections = new Connections(config);
    writer = new BatchWriter(config, dialect, errant, metrics);
    log.info(
        "Redshift sink task started: dialect {}, insert.mode {}, pk.mode {}",
        dialect.name(),
        config.insertMode(),
        config.pkMode());
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }

  private org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
    try {
      return context.pluginMetrics();
    } catch (NoSuchMethodError | UnsupportedOperationException e) {
      return null;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      if (!offsets.accept(record)) {
        continue; // redelivered after a retriable failure: already buffered
      }
      try {
        Change change = changes.build(record);
        if (change == null) {
          continue;
        }
        if (buffered == 0) {
          oldestBufferedAt = System.currentTimeMillis();
        }
        buffers
            .computeIfAbsent(change.table(), t -> new ReducingBuffer<>())
            .add(change.key(), change);
        buffered++;
      } catch (RejectedRecordException e) {
        errant.report(record, e.getMessage(), e.getCause());
        metrics.rejected(changes.table(record.topic()), 1);
      }
    }
    boolean full = buffered >= config.batchSize();
    boolean waited =
        buffered > 0
            && System.currentTimeMillis() - oldestBufferedAt >= config.batchMaxWait().toMillis();
    if (full || waited) {
      writeAll();
    } else if (buffered > 0) {
      // An idle consumer blocks in poll until the next offset commit (a minute by default): ask
      // to be called again when the oldest buffered record has waited long enough.
      long age = System.currentTimeMillis() - oldestBufferedAt;
      context.timeout(Math.max(1, config.batchMaxWait().toMillis() - age));
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // While put() is backing off after a retriable error, it drives the retries; a commit then
    // just hands over what is already written.
    if (failedAttempts == 0) {
      try {
        writeAll();
      } catch (RetriableException e) {
        log.warn("Buffered records not written yet; committing only what is: {}", e.getMessage());
      }
    }
    return offsets.committable();
  }

  /** Writes every buffered table; afterwards all accepted records are durable or reported. */
  private void writeAll() {
    long wait = nextAttemptAt - System.currentTimeMillis();
    if (failedAttempts > 0 && wait > 0) {
      // Connect may call again well before the backoff asked for (its poll timeout is capped by
      // the offset commit interval): keep waiting without spending an attempt.
      context.timeout(wait);
      throw new RetriableException("Waiting " + wait + " ms before retrying the warehouse write");
    }
    try {
      for (Map.Entry<TableId, ReducingBuffer<Change>> entry : buffers.entrySet()) {
        writer.write(connections.get(), entry.getKey(), entry.getValue());
      }
      buffers.clear();
      buffered = 0;
      errant.awaitReported();
      offsets.allWritten();
      failedAttempts = 0;
    } catch (SQLException e) {
      connections.reset();
      writer.forgetCatalog();
      if (!SqlErrors.retriable(e) && !SqlErrors.staleCatalog(e)) {
        throw new ConnectException("Writing to the warehouse failed: " + e.getMessage(), e);
      }
      failedAttempts++;
      metrics.retry();
      if (failedAttempts > config.maxRetries()) {
        throw new ConnectException(
            "Writing to the warehouse failed after " + config.maxRetries() + " retries", e);
      }
      long backoff =
          Math.min(
              MAX_BACKOFF_MS, config.retryBackoff().toMillis() << Math.min(failedAttempts - 1, 20));
      log.warn(
          "Retriable error writing to the warehouse (attempt {} of {}), retrying in {} ms: {}",
          failedAttempts,
          config.maxRetries(),
          backoff,
          e.getMessage());
      nextAttemptAt = System.currentTimeMillis() + backoff;
      context.timeout(backoff);
      throw new RetriableException(e);
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    Set<TopicPartition> closed = new HashSet<>(partitions);
    for (ReducingBuffer<Change> buffer : buffers.values()) {
      buffer.removeIf(
          change ->
              closed.contains(
                  new TopicPartition(
                      change.record().originalTopic(), change.record().originalKafkaPartition())));
    }
    buffers.values().removeIf(ReducingBuffer::isEmpty);
    buffered = buffers.values().stream().mapToInt(ReducingBuffer::size).sum();
    offsets.forget(partitions);
  }

  @Override
  public void stop() {
    if (connections != null) {
      connections.close();
    }
  }

  @Override
  public String version() {
    return PluginVersion.of(RedshiftSinkTask.class);
  }
}
