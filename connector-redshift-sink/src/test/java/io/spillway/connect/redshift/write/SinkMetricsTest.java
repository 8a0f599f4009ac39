package io.spillway.connect.redshift.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/** The rejected-records gauges as Connect's own plugin metrics (and so JMX) publish them. */
class SinkMetricsTest {
  @Test
  void recordsSentToTheErrorPolicyAreCountedPerTable() throws Exception {
    try (Metrics registry = new Metrics();
        PluginMetricsImpl plugin = new PluginMetricsImpl(registry, Map.of("connector", "c"))) {
      SinkMetrics metrics = new SinkMetrics(PluginGauges.of(plugin));
      TableId orders = new TableId("public", "orders");
      TableId refunds = new TableId("public", "refunds");
      metrics.rejected(orders, 2);
      metrics.rejected(orders, 1);
      metrics.rejected(refunds, 4);
      metrics.rejected(new TableId("public", "quiet"), 0);

      assertEquals(3L, gauge(registry, "table-records-rejected-total", "public.orders"));
      assertEquals(4L, gauge(registry, "table-records-rejected-total", "public.refunds"));
      assertEquals(7L, gauge(registry, "records-rejected-total", null));
      assertEquals(3L, metrics.rejected(orders));
      assertEquals(
          0,
          registry.metrics().keySet().stream()
              .filter(name -> "public.quiet".equals(name.tags().get("table")))
              .count());
    }
  }

  private static Object gauge(Metrics registry, String name, String table) {
    for (Map.Entry<MetricName, KafkaMetric> entry : registry.metrics().entrySet()) {
      MetricName metric = entry.getKey();
      if (metric.name().equals(name)
          && (table == null
              ? !metric.tags().containsKey("table")
              : table.equals(metric.tags().get("table")))) {
        return entry.getValue().metricValue();
      }
    }
    throw new AssertionError("no metric " + name + " for " + table);
  }
}
