package io.spillway.connect.kafkasource;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the task does between a retriable failure and its next attempt: backs off ({@link
 * RetryBackoff}), logs one line per step with the cause (its stack trace only at DEBUG), shows the
 * state in the task metrics, and lets {@link #stop} cut a wait short. Connect itself would retry at
 * once and log every attempt with a stack trace.
 */
final class RetriableFailures {
  private static final Logger log = LoggerFactory.getLogger(RetriableFailures.class);

  private final RetryBackoff backoff;
  private final SourceTaskMetrics metrics;
  private final Time time;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean rewound;

  RetriableFailures(RetryBackoff backoff, SourceTaskMetrics metrics, Time time) {
    this.backoff = backoff;
    this.metrics = metrics;
    this.time = time;
  }

  /** Whether another attempt may heal it: Connect's or the Kafka clients' retriable errors. */
  static boolean isRetriable(Throwable e) {
    return e instanceof org.apache.kafka.connect.errors.RetriableException
        || e instanceof org.apache.kafka.common.errors.RetriableException;
  }

  /**
   * Whether the consumer holds no connection to any broker after a poll: the source cluster is
   * unreachable (the consumer itself only returns empty polls then). A reading consumer always
   * keeps the connections to its partitions' leaders open with fetch requests.
   */
  static boolean disconnected(Consumer<?, ?> consumer) {
    for (Map.Entry<MetricName, ? extends Metric> entry : consumer.metrics().entrySet()) {
      MetricName name = entry.getKey();
      if ("connection-count".equals(name.name()) && "consumer-metrics".equals(name.group())) {
        return entry.getValue().metricValue() instanceof Double count && count == 0;
      }
    }
    return false;
  }

  /**
   * Records a failed attempt: one WARN line with the cause and the wait that follows.
   *
   * @param rewound whether records were rewound to be read again: then only converting records
   *     counts as success, not a poll that returns none before the re-read arrives
   */
  void failed(String cause, Throwable e, boolean rewound) {
    this.rewound = rewound;
    long delayMs = backoff.failed(time.milliseconds());
    metrics.retriableFailure(delayMs);
    log.warn(
        "{}; attempt {} failed, retrying in {} ms (backing off up to {} ms)",
        cause,
        backoff.failures(),
        delayMs,
        RetryBackoff.MAX_MS);
    if (e != null) {
      log.debug("Retriable failure", e);
    }
  }

  /**
   * Records a successful poll, which resets the backoff.
   *
   * @param converted whether it converted records (rather than reaching the cluster and finding
   *     none)
   */
  void succeeded(boolean converted) {
    if (backoff.failures() == 0 || (rewound && !converted)) {
      return;
    }
    rewound = false;
    int failed = backoff.succeeded();
    metrics.retriableFailure(0);
    log.info("Recovered after {} failed attempts", failed);
  }

  /** Waits until the next attempt is due; false when the task stopped meanwhile. */
  boolean awaitNextAttempt() {
    long waitMs = backoff.remainingMs(time.milliseconds());
    if (waitMs <= 0) {
      return stopped.getCount() > 0;
    }
    try {
      return !stopped.await(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Ends any wait: the task is stopping. */
  void stop() {
    stopped.countDown();
  }
}
