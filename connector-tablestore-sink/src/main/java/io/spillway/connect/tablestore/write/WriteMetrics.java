package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The task's counters, published as JMX gauges through Connect's plugin metrics. */
public final class WriteMetrics {
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong tombstonesSkipped = new AtomicLong();
  private final AtomicLong bufferFull = new AtomicLong();

  public WriteMetrics(PluginGauges gauges, LongSupplier inFlight) {
    gauges.gauge("rows-written", "Rows Tablestore acknowledged", written::get);
    gauges.gauge("rows-retried", "Row writes retried after a retriable error", retried::get);
    gauges.gauge(
        "records-errored",
        "Records that could not be written and went to the error policy",
        errors::get);
    gauges.gauge(
        "tombstones-skipped",
        "Tombstones skipped because delete.mode deletes no rows",
        tombstonesSkipped::get);
    gauges.gauge("rows-in-flight", "Records handed to the writer, not acknowledged yet", inFlight);
    gauges.gauge(
        "buffer-full-waits",
        "Times the task waited for its writer because buffer.max.bytes were in flight",
        bufferFull::get);
  }

  public void written() {
    written.incrementAndGet();
  }

  public void retried() {
    retried.incrementAndGet();
  }

  public void errored() {
    errors.incrementAndGet();
  }

  public void bufferFull() {
    bufferFull.incrementAndGet();
  }

  public long bufferFullCount() {
    return bufferFull.get();
  }

  public void tombstoneSkipped() {
    tombstonesSkipped.incrementAndGet();
  }

  public long errorCount() {
    return errors.get();
  }

  public long writtenCount() {
    return written.get();
  }
}
