package io.spillway.connect.common.sink;

import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.errors.ErrorTolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The one error policy of every sink: a record that cannot be written fails the task with a message
 * naming topic, partition and offset ({@code errors.tolerance=none}), or goes to Connect's errant
 * record reporter, i.e. the dead letter queue ({@code errors.tolerance=all}). Offsets may only be
 * committed once {@link #awaitReported()} returned: the reports are then durable.
 */
public final class ErrantRecords {
  /** Connect's own setting, read from the connector config so one value rules both layers. */
  public static final String ERRORS_TOLERANCE = "errors.tolerance";

  private final ErrorTolerance tolerance;
  private final ErrantRecordReporter reporter;
  private final List<Future<Void>> pending = new ArrayList<>();
  private long reported;

  public ErrantRecords(ErrorTolerance tolerance, ErrantRecordReporter reporter) {
    this.tolerance = tolerance;
    this.reporter = reporter;
  }

  /**
   * The error policy of a sink task: its {@code errors.tolerance}, reporting through the context's
   * errant record reporter when the worker has one (it has none before Kafka 2.6, or without a dead
   * letter queue).
   */
  public static ErrantRecords forTask(SinkTaskContext context, ErrorTolerance tolerance) {
    ErrantRecordReporter reporter;
    try {
      reporter = context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      reporter = null; // a worker older than Kafka 2.6
    }
    return new ErrantRecords(tolerance, reporter);
  }

  /** Reads {@code errors.tolerance} the way Connect does (default none). */
  public static ErrorTolerance tolerance(Map<String, String> connectorProps) {
    String value = connectorProps.get(ERRORS_TOLERANCE);
    return value == null || value.isBlank() ? ErrorTolerance.NONE : ErrorTolerance.parse(value);
  }

  /** Where a sink record came from, as the consumer saw it (before transforms renamed it). */
  public static RecordPosition position(SinkRecord record) {
    return new RecordPosition(
        record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset());
  }

  /**
   * Fails the task or sends the record to the dead letter queue, with a message that names the
   * record's position and the reason.
   */
  public void report(SinkRecord record, String reason, Throwable cause) {
    String message = "Cannot write record at " + position(record).describe() + ": " + reason;
    DataException error = new DataException(message, cause);
    if (tolerance == ErrorTolerance.NONE) {
      throw new ConnectException(message + " (errors.tolerance=none)", cause);
    }
    if (reporter == null) {
      throw new ConnectException(
          message + " (errors.tolerance=all, but this worker offers no errant record reporter)",
          cause);
    }
    pending.add(reporter.report(record, error));
    reported++;
  }

  /** Waits until every report is written, so the records' offsets may be committed. */
  public void awaitReported() {
    try {
      for (Future<Void> future : pending) {
        future.get(5, TimeUnit.MINUTES);
      }
      pending.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while writing to the dead letter queue", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException("Could not write to the dead letter queue", e);
    }
  }

  public ErrorTolerance tolerance() {
    return tolerance;
  }

  /** Records reported since the task started. */
  public long reported() {
    return reported;
  }
}
