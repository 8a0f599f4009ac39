package io.spillway.connect.kafkasource;

import io.spillway.connect.common.sink.RetryPolicy;
import java.time.Duration;

/**
 * Exponential backoff between attempts after a retriable failure (schema registry or source cluster
 * unreachable): the first retry after {@link #INITIAL_MS}, each next one twice as late up to {@link
 * #MAX_MS} (the sinks' {@link RetryPolicy} doubling, without a retry budget: a source waits out any
 * outage), back to the start after a success. Each failure is one step, so a caller that logs per
 * step logs a few dozen lines per outage instead of one per attempt.
 */
final class RetryBackoff {
  static final long INITIAL_MS = 250;
  static final long MAX_MS = 10_000;

  private static final RetryPolicy POLICY =
      new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(INITIAL_MS), Duration.ofMillis(MAX_MS));

  private int failures;
  private long delayMs;
  private long retryAtMs;

  /** Records a failure at {@code nowMs}; returns how long to wait before the next attempt. */
  long failed(long nowMs) {
    failures++;
    delayMs = POLICY.backoffMillis(failures);
    retryAtMs = nowMs + delayMs;
    return delayMs;
  }

  /** Records a success; returns how many failed attempts it ended (0 when there were none). */
  int succeeded() {
    int ended = failures;
    failures = 0;
    delayMs = 0;
    retryAtMs = 0;
    return ended;
  }

  /** Milliseconds left to wait before the next attempt; 0 when it may start now. */
  long remainingMs(long nowMs) {
    return failures == 0 ? 0 : Math.max(0, retryAtMs - nowMs);
  }

  /** Failed attempts since the last success. */
  int failures() {
    return failures;
  }

  /** The current wait between attempts; 0 while healthy. */
  long delayMs() {
    return delayMs;
  }
}
