package io.spillway.connect.tablestore;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.metrics.PluginGauges;
import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.tablestore.client.TablestoreClient;
import io.spillway.connect.tablestore.client.TablestoreErrors;
import io.spillway.connect.tablestore.write.ErrorPolicy;
import io.spillway.connect.tablestore.write.ErrorPolicy.ReportFailedException;
import io.spillway.connect.tablestore.write.ErrorSinks;
import io.spillway.connect.tablestore.write.RowRetries;
import io.spillway.connect.tablestore.write.TableWriter;
import io.spillway.connect.tablestore.write.TableWriters;
import io.spillway.connect.tablestore.write.WriteMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every record to the task's own {@link TableWriter} (the SDK writer batches the rows) and
 * lets Connect commit a partition's offset only below its first record not yet acknowledged ({@link
 * AckedOffsets}): written, or durably reported to the error sink. Rows that failed with a retriable
 * error are written again after their backoff, with the rows of the same primary key sent after
 * them (so the last record of a key wins); while any waits, the task takes no new records, and past
 * max.retries it fails. Rows Tablestore can never take go to the error policy.
 */
public class TablestoreSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(TablestoreSinkTask.class);

  private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

  private final Time time = Time.SYSTEM;
  private final AckedOffsets acks = new AckedOffsets();
  private TablestoreSinkConfig config;
  private WriteMetrics metrics;
  private ErrorPolicy errors;
  private RowRetries retries;
  private TablestoreClient client;
  private TableWriter writer;

  @Override
  public void start(Map<String, String> props) {
    config = new TablestoreSinkConfig(props);
    metrics = new WriteMetrics(PluginGauges.forTask(context), acks::inFlight);
    retries = new RowRetries(config.retryPolicy(), time);
    client = TablestoreClient.open(config.connection(), config.writerSettings());
    errors =
        new ErrorPolicy(
            config.errorTolerance(), ErrorSinks.forTask(config, context, client), metrics);
    writer = TableWriters.forMode(config, client, metrics, time);
    log.info(
        "Tablestore sink task started: {} instance {}, mode {}, primarykey.mode {}, errors to {}",
        config.connection().endpoint(),
        config.connection().instanceName(),
        config.mode(),
        config.primaryKeyMode(),
        errors.sink().describe());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    settleFailures();
    for (Pending pending : retries.due()) {
      metrics.retried();
      write(pending);
    }
    if (retries.waiting() > 0) {
      // Take nothing new while rows wait for their retry: Connect redelivers this batch later
      // (tracked records are recognised and not written twice).
      context.timeout(Math.max(1, retries.nextDueInMillis()));
      throw new RetriableException(
          retries.waiting() + " rows wait to be written again after a retriable error");
    }
    for (SinkRecord record : records) {
      Pending pending = acks.track(record);
      if (pending != null) {
        write(pending);
        awaitBufferRoom();
      }
    }
  }

  /**
   * buffer.size bounds the writer by rows, not bytes: with large records it would fill the heap.
   * Above buffer.max.bytes in flight, drain the writer (its rows are then written or failed).
   */
  private void awaitBufferRoom() {
    if (acks.inFlightBytes() >= config.bufferMaxBytes()) {
      metrics.bufferFull();
      writer.flush();
    }
  }

  private void write(Pending pending) {
    try {
      writer.write(pending);
    } catch (RejectedRecordException e) {
      errors.report(pending, e);
    } catch (RetriableException e) {
      pending.fail(e); // e.g. the table could not be described now: retried like a failed row
    }
  }

  /** Failed rows: retriable ones wait for their retry, the others go to the error policy. */
  private void settleFailures() {
    List<Pending> failed = acks.failures();
    for (Pending pending : failed) {
      Throwable error = pending.error();
      if (error instanceof ReportFailedException) {
        throw new ConnectException(error.getMessage(), error.getCause());
      }
      if (!TablestoreErrors.isRetriable(error)) {
        errors.report(pending, error);
      } else if (!retries.failed(pending)) {
        throw new ConnectException(
            "Cannot write record at "
                + ErrantRecords.position(pending.record()).describe()
                + " after "
                + config.retryPolicy().maxRetries()
                + " retries (max.retries): "
                + error,
            error);
      }
    }
    if (!failed.isEmpty()) {
      log.warn(
          "{} rows failed ({}), {} wait to be written again",
          failed.size(),
          TablestoreErrors.code(failed.get(0).error()),
          retries.waiting());
    }
  }

  /**
   * What is acknowledged now. The writers send on their own (a full batch, flush.Interval), so a
   * commit does not stall the task until every writer is drained; rows still in flight are
   * committed by a later commit. Error reports on their way are waited for (bounded).
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    errors.awaitReports(REPORT_WAIT);
    return acks.committable();
  }

  /**
   * Sends what the writers buffered and waits for the replies. The worker never calls it (it calls
   * {@link #preCommit}); revocation does, and a caller that wants everything settled first.
   */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    writer.flush();
  }

  /**
   * Revoked partitions. Their rows in flight are answered before they go: a row still on its way
   * could otherwise land after the next owner's newer row of its key. The commit before this call
   * did not wait for them, so the next owner writes them again.
   */
  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (writer != null && !partitions.isEmpty()) {
      writer.flush();
    }
    acks.forget(partitions);
    retries.forget(partitions);
    writer.forget(partitions);
  }

  @Override
  public void stop() {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      try {
        if (errors != null) {
          errors.sink().close(); // before the client: the error table writes through it
        }
      } finally {
        if (client != null) {
          client.close();
        }
      }
    }
  }

  @Override
  public String version() {
    return PluginVersion.of(TablestoreSinkTask.class);
  }
}
