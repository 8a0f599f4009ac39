package io.spillway.connect.common.sink;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink task's retries of retriable write errors: exponential backoff per {@link RetryPolicy}, the
 * task failed once the budget is spent. The wait is kept across early calls: Connect may call
 * {@code put} again well before the backoff asked for (its poll timeout is capped by the offset
 * commit interval), and such a call waits on without spending an attempt.
 */
public final class RetryBackoff {
  private static final Logger log = LoggerFactory.getLogger(RetryBackoff.class);

  private final RetryPolicy policy;
  private final SinkTaskContext context;
  private final Time time;
  private final String destination;
  private int failedAttempts;
  private long nextAttemptAt;

  /**
   * @param destination what the sink writes to, for messages, e.g. "the warehouse"
   */
  public RetryBackoff(RetryPolicy policy, SinkTaskContext context, Time time, String destination) {
    this.policy = policy;
    this.context = context;
    this.time = time;
    this.destination = destination;
  }

  /**
   * Returns when a write may be attempted now; while a backoff is running, asks Connect to call
   * again when it ends and throws a {@link RetriableException}.
   */
  public void awaitTurn() {
    long wait = nextAttemptAt - time.milliseconds();
    if (failedAttempts > 0 && wait > 0) {
      context.timeout(wait);
      throw new RetriableException(
          "Waiting " + wait + " ms before retrying the write to " + destination);
    }
  }

  /**
   * Counts a failed attempt and returns the exception to throw to Connect, which then redelivers
   * the batch after the backoff; throws a {@link ConnectException} that fails the task once {@code
   * max.retries} retries have failed.
   */
  public RetriableException failed(Throwable cause) {
    failedAttempts++;
    if (failedAttempts > policy.maxRetries()) {
      throw new ConnectException(
          "Writing to " + destination + " failed after " + policy.maxRetries() + " retries", cause);
    }
    long backoff = policy.backoffMillis(failedAttempts);
    log.warn(
        "Retriable error writing to {} (attempt {} of {}), retrying in {} ms: {}",
        destination,
        failedAttempts,
        policy.maxRetries(),
        backoff,
        cause.getMessage());
    nextAttemptAt = time.milliseconds() + backoff;
    context.timeout(backoff);
    return cause instanceof RetriableException retriable
        ? retriable
        : new RetriableException(cause.getMessage(), cause);
  }

  /** A write succeeded: the next failure starts again at the first backoff. */
  public void succeeded() {
    failedAttempts = 0;
  }

  /** True between a failed attempt and the next successful one. */
  public boolean retrying() {
    return failedAttempts > 0;
  }

  public int failedAttempts() {
    return failedAttempts;
  }
}
