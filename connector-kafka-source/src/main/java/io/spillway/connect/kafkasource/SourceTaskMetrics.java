package io.spillway.connect.kafkasource;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Task metrics, published through Connect's plugin metrics (JMX under kafka.connect's plugins
 * group): records polled and written, decode errors kept as _error rows, retriable failures and the
 * current backoff, and the lag of every assigned partition. The poll thread updates plain counters;
 * reporters only read them.
 */
final class SourceTaskMetrics {
  private final AtomicLong polled = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong decodeErrors = new AtomicLong();
  private final AtomicLong retriableFailures = new AtomicLong();
  private final AtomicLong retryBackoffMs = new AtomicLong();
  private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

  SourceTaskMetrics(PluginGauges gauges, List<TopicPartition> partitions) {
    gauges.gauge("records-polled-total", "Records read from the source cluster", polled::get);
    gauges.gauge(
        "records-written-total", "Records acknowledged by the Connect cluster", written::get);
    gauges.gauge(
        "decode-errors-total", "Records kept packed with an _error column", decodeErrors::get);
    gauges.gauge(
        "retriable-failures-total",
        "Attempts that failed retriably (schema registry or source cluster unreachable)",
        retriableFailures::get);
    gauges.gauge(
        "retry-backoff-ms",
        "Current wait before the next attempt after retriable failures; 0 while healthy",
        retryBackoffMs::get);
    for (TopicPartition partition : partitions) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("source-topic", partition.topic());
      tags.put("source-partition", Integer.toString(partition.partition()));
      gauges.gauge(
          "records-lag",
          "Records not yet read from this partition",
          tags,
          () -> lag.getOrDefault(partition, -1L));
    }
  }

  void polled(int count) {
    polled.addAndGet(count);
  }

  void written() {
    written.incrementAndGet();
  }

  void decodeError() {
    decodeErrors.incrementAndGet();
  }

  /** A retriable failure with the wait it causes, or {@code 0} once healthy again. */
  void retriableFailure(long backoffMs) {
    if (backoffMs > 0) {
      retriableFailures.incrementAndGet();
    }
    retryBackoffMs.set(backoffMs);
  }

  void lag(TopicPartition partition, long value) {
    lag.put(partition, value);
  }
}
