package io.spillway.connect.redshift.write;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task metrics, published through Connect's plugin metrics (JMX): rows written and deleted, batches
 * and their latency, schema changes, rejected records (in all and per table) and retries.
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
  private final Map<TableId, AtomicLong> rejectedByTable = new ConcurrentHashMap<>();
  private final PluginGauges gauges;

  public SinkMetrics(PluginGauges gauges) {
    this.gauges = gauges;
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

  /** Records of a table sent to the error policy; each table gets its own gauge (tag table). */
  public void rejected(TableId table, int count) {
    if (count == 0) {
      return;
    }
    rejected.addAndGet(count);
    rejectedByTable.computeIfAbsent(table, this::tableGauge).addAndGet(count);
  }

  private AtomicLong tableGauge(TableId table) {
    AtomicLong counter = new AtomicLong();
    gauges.gauge(
        "table-records-rejected-total",
        "Records of this table sent to the error policy (dead letter queue)",
        Map.of("table", table.schema() + "." + table.table()),
        counter::get);
    return counter;
  }

  /** Records of the table sent to the error policy so far. */
  public long rejected(TableId table) {
    AtomicLong counter = rejectedByTable.get(table);
    return counter == null ? 0 : counter.get();
  }

  public void retry() {
    retries.incrementAndGet();
  }

  public long rowsWritten() {
    return rowsWritten.get();
  }
}
