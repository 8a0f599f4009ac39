package io.spillway.connect.common.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * Long gauges published through Connect's plugin metrics (JMX, under the task's plugin group).
 * Tasks keep their counters themselves; a gauge only reads one when a reporter asks. On a worker
 * without plugin metrics every call is a no-op.
 */
public final class PluginGauges {
  private final PluginMetrics metrics;

  private PluginGauges(PluginMetrics metrics) {
    this.metrics = metrics;
  }

  /** Gauges on these plugin metrics; null (no plugin metrics) makes them no-ops. */
  public static PluginGauges of(PluginMetrics metrics) {
    return new PluginGauges(metrics);
  }

  /** Gauges on a sink task's plugin metrics; no-ops on a worker older than Kafka 4.1. */
  public static PluginGauges forTask(SinkTaskContext context) {
    try {
      return new PluginGauges(context.pluginMetrics());
    } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
      return new PluginGauges(null);
    }
  }

  /** Gauges on a source task's plugin metrics; no-ops on a worker older than Kafka 4.1. */
  public static PluginGauges forTask(SourceTaskContext context) {
    try {
      return new PluginGauges(context.pluginMetrics());
    } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
      return new PluginGauges(null);
    }
  }

  /** True when gauges are published. */
  public boolean enabled() {
    return metrics != null;
  }

  public void gauge(String name, String description, LongSupplier value) {
    gauge(name, description, Map.of(), value);
  }

  /** A gauge with tags, e.g. one per partition; tags keep the order given. */
  public void gauge(String name, String description, Map<String, String> tags, LongSupplier value) {
    if (metrics == null) {
      return;
    }
    metrics.addMetric(
        metrics.metricName(name, description, new LinkedHashMap<>(tags)),
        (Gauge<Long>) (config, now) -> value.getAsLong());
  }
}
