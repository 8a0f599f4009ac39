package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.sink.RetryPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attempts of error reports on one thread of their own (the task thread never waits for a
 * destination), retrying a report that failed with a retriable error after the sink's backoff
 * (retry.backoff.ms, doubling), at most max.retries times; then the report fails, and with it the
 * task: the record is read again after the restart.
 */
final class ReportRetries implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReportRetries.class);

  private final RetryPolicy policy;
  private final Predicate<Throwable> retriable;
  private final String destination;
  private final ScheduledExecutorService thread;

  ReportRetries(
      RetryPolicy policy, Predicate<Throwable> retriable, String destination, String threadName) {
    this.policy = policy;
    this.retriable = retriable;
    this.destination = destination;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code attempt} (on the report thread) until one succeeds, a failure is not retriable, or
   * max.retries retries have failed.
   */
  CompletableFuture<Void> run(String what, Supplier<CompletableFuture<Void>> attempt) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    schedule(what, attempt, result, 0, 0);
    return result;
  }

  private void schedule(
      String what,
      Supplier<CompletableFuture<Void>> attempt,
      CompletableFuture<Void> result,
      int retry,
      long delayMs) {
    try {
      thread.schedule(() -> once(what, attempt, result, retry), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e); // the task is stopping
    }
  }

  private void once(
      String what,
      Supplier<CompletableFuture<Void>> attempt,
      CompletableFuture<Void> result,
      int retry) {
    CompletableFuture<Void> sent;
    try {
      sent = attempt.get();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (done, failure) -> {
          if (failure == null) {
            result.complete(null);
            return;
          }
          Throwable cause = unwrap(failure);
          if (!retriable.test(cause) || retry >= policy.maxRetries()) {
            result.completeExceptionally(cause);
            return;
          }
          long backoff = policy.backoffMillis(retry + 1);
          log.warn(
              "Reporting {} to {} failed (retry {} of {} in {} ms): {}",
              what,
              destination,
              retry + 1,
              policy.maxRetries(),
              backoff,
              cause.toString());
          schedule(what, attempt, result, retry + 1, backoff);
        });
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
