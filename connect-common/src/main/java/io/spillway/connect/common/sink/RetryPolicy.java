package io.spillway.connect.common.sink;

import java.time.Duration;

/**
 * Retries of a retriable write error: at most {@code maxRetries}, the first after {@code backoff},
 * each further one after twice the previous wait, never more than {@code maxBackoff}.
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff) {
  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public long backoffMillis(int attempt) {
    long first = backoff.toMillis();
    return Math.min(maxBackoff.toMillis(), first << Math.min(attempt - 1, 20));
  }
}
