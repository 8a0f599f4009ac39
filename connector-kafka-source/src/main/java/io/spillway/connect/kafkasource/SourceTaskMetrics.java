package io.spillway.connect.kafkasource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

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

  SourceTaskMetrics(PluginMetrics metrics, List<TopicPartition> partitions) {
    if (metrics == null) {
      return;
    }
    gauge(
        metrics, "records-polled-total", "Records read from the source cluster", Map.of(), polled);
    gauge(
        metrics,
        "records-written-total",
        "Records acknowledged by the Connect cluster",
        Map.of(),
        written);
    gauge(
        metrics,
        "decode-errors-total",
        "Records kept packed with an _error column",
        Map.of(),
        decodeErrors);
    gauge(
        metrics,
        "retriable-failures-total",
        "Attempts that failed retriably (schema registry or source cluster unreachable)",
        Map.of(),
        retriableFailures);
    gauge(
        metrics,
        "retry-backoff-ms",
        "Current wait before the next attempt after retriable failures; 0 while healthy",
        Map.of(),
        retryBackoffMs);
    for (TopicPartition partition : partitions) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("source-topic", partition.topic());
      tags.put("source-partition", Integer.toString(partition.partition()));
      metrics.addMetric(
          metrics.metricName(
              "records-lag", "Records not yet read from this partition", new LinkedHashMap<>(tags)),
          (Gauge<Long>) (config, now) -> lag.getOrDefault(partition, -1L));
    }
  }

  private static void gauge(
      PluginMetrics metrics,
      String name,
      String description,
      Map<String, String> tags,
      AtomicLong counter) {
    metrics.addMetric(
        metrics.metricName(name, description, new LinkedHashMap<>(tags)),
        (Gauge<Long>) (config, now) -> counter.get());
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
