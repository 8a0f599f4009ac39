package io.spillway.connect.tablestore.write;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Connect's dead letter queue (errors.tolerance=all with errors.deadletterqueue.topic.name),
 * through the task's {@link ErrantRecordReporter}. The report completes when the worker's producer
 * has written the record to the queue.
 */
public final class DeadLetterQueueSink implements ErrorSink {
  private final ErrantRecordReporter reporter;
  private final ExecutorService waiter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "tablestore-sink-dlq-wait");
            thread.setDaemon(true);
            return thread;
          });

  public DeadLetterQueueSink(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public CompletableFuture<Void> report(SinkRecord record, Throwable error) {
    Future<Void> sent = reporter.report(record, error);
    // The reporter's future is not a CompletableFuture: wait for it on a thread of our own.
    return CompletableFuture.runAsync(
        () -> {
          try {
            sent.get();
          } catch (ExecutionException e) {
            throw new java.util.concurrent.CompletionException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CompletionException(e);
          }
        },
        waiter);
  }

  @Override
  public String describe() {
    return "Connect dead letter queue";
  }

  @Override
  public void close() {
    waiter.shutdownNow();
  }
}
