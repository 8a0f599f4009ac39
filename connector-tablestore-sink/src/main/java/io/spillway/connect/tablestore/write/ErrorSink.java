package io.spillway.connect.tablestore.write;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record goes that cannot be written, under runtime.error.tolerance=all (or Connect's
 * errors.tolerance=all): Connect's dead letter queue, a Kafka error topic, a Tablestore error
 * table, or only the log. The task acknowledges the record (lets its offset be committed) only when
 * the returned future completes: the report must be durable by then. A future that completes
 * exceptionally fails the task, and the record is read again after the restart.
 */
public interface ErrorSink extends AutoCloseable {

  /**
   * Reports one record and why it cannot be written ({@code error}'s message names the record's
   * position and the reason; its cause is the original error). Called on the task thread.
   */
  CompletableFuture<Void> report(SinkRecord record, Throwable error);

  /** Short description for logs, e.g. "Connect dead letter queue". */
  String describe();

  @Override
  default void close() {}
}
