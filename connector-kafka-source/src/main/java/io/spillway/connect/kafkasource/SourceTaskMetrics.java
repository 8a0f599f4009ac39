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
 * group): records polled and written, decode errors kept as _error rows, and the lag of every
 * assigned partition. The poll thread updates plain counters; reporters only read them.
 */
final class SourceTaskMetrics {
  private final AtomicLong polled = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong decodeErrors = new AtomicLong();
  private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

  SourceTaskMetrics(PluginGauges gauges, List<TopicPartition> partitions) {
    gauges.gauge("records-polled-total", "Records read from the source cluster", polled::get);
    gauges.gauge(
        "records-written-total", "Records acknowledged by the Connect cluster", written::get);
    gauges.gauge(
        "decode-errors-total", "Records kept packed with an _error column", decodeErrors::get);
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

  void lag(TopicPartition partition, long value) {
    lag.put(partition, value);
  }
}
