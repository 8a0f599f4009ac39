package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.tablestore.client.TablestoreErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record that cannot be written. Tolerance none: the task fails with a message
 * naming its topic, partition and offset. Tolerance all: the record is counted, logged, and
 * reported to the {@link ErrorSink}; it is acknowledged (its offset may be committed) only once the
 * report is durable. A report that fails marks the record failed with {@link
 * ReportFailedException}, which fails the task: the record is read again after the restart.
 */
public final class ErrorPolicy {
  private static final Logger log = LoggerFactory.getLogger(ErrorPolicy.class);

  private final ErrorTolerance tolerance;
  private final ErrorSink sink;
  private final WriteMetrics metrics;
  private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();

  public ErrorPolicy(ErrorTolerance tolerance, ErrorSink sink, WriteMetrics metrics) {
    this.tolerance = tolerance;
    this.sink = sink;
    this.metrics = metrics;
  }

  /** A failed error report: the record is neither written nor reported. */
  public static final class ReportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReportFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Handles one record that cannot be written; call on the task thread. */
  public void report(Pending pending, Throwable error) {
    String message =
        "Cannot write record at "
            + ErrantRecords.position(pending.record()).describe()
            + ": "
            + TablestoreErrors.describe(error);
    if (tolerance == ErrorTolerance.NONE) {
      throw new ConnectException(
          message + " (runtime.error.tolerance=none and errors.tolerance=none)", error);
    }
    metrics.errored();
    log.warn("{}; sent to {} ({} so far)", message, sink.describe(), metrics.errorCount());
    CompletableFuture<Void> report =
        sink.report(pending.record(), new DataException(message, error));
    inFlight.add(report);
    report.whenComplete(
        (done, failure) -> {
          if (failure == null) {
            pending.ack();
          } else {
            pending.fail(
                new ReportFailedException(
                    message + "; and reporting it to " + sink.describe() + " failed", failure));
          }
        });
  }

  /**
   * Waits up to {@code timeout} for the reports in flight, so an offset commit right after includes
   * their records. A report that fails is seen by the task through its record.
   */
  public void awaitReports(Duration timeout) {
    inFlight.removeIf(CompletableFuture::isDone);
    if (inFlight.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A failed report fails its record; a slow one keeps its offset back until it completes.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inFlight.removeIf(CompletableFuture::isDone);
  }

  public ErrorSink sink() {
    return sink;
  }
}
