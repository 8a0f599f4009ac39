package io.spillway.connect.redshift.write;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task metrics, published through Connect's plugin metrics (JMX): rows written and deleted, batches
 * and their latency, schema changes, rejected records and retries.
 */
public final class SinkMetrics {
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong rowsDeleted = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchNanosTotal = new AtomicLong();
  private final AtomicLong batchNanosMax = new AtomicLong();
  private final AtomicLong schemaChanges = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  public SinkMetrics(PluginGauges gauges) {
    gauges.gauge("rows-written-total", "Rows inserted or upserted", rowsWritten::get);
    gauges.gauge("rows-deleted-total", "Rows deleted by tombstones", rowsDeleted::get);
    gauges.gauge("batches-total", "Batches written, one transaction per table", batches::get);
    gauges.gauge(
        "batch-latency-avg-ms",
        "Average time to plan, stage and merge a table's batch",
        () -> batches.get() == 0 ? 0L : batchNanosTotal.get() / batches.get() / 1_000_000L);
    gauges.gauge(
        "batch-latency-max-ms",
        "Longest time to write a table's batch",
        () -> batchNanosMax.get() / 1_000_000L);
    gauges.gauge("schema-changes-total", "Tables created and columns added", schemaChanges::get);
    gauges.gauge(
        "records-rejected-total",
        "Records sent to the error policy (dead letter queue)",
        rejected::get);
    gauges.gauge("retries-total", "Retriable database errors", retries::get);
  }

  void written(int upserted, int deleted) {
    rowsWritten.addAndGet(upserted);
    rowsDeleted.addAndGet(deleted);
  }

  void batch(long nanos) {
    batches.incrementAndGet();
    batchNanosTotal.addAndGet(nanos);
    batchNanosMax.accumulateAndGet(nanos, Math::max);
  }

  void schemaChange() {
    schemaChanges.incrementAndGet();
  }

  void rejected(int count) {
    rejected.addAndGet(count);
  }

  public void retry() {
    retries.incrementAndGet();
  }

  public long rowsWritten() {
    return rowsWritten.get();
  }
}
