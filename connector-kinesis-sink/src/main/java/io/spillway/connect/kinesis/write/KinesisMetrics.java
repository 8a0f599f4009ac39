package io.spillway.connect.kinesis.write;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Task metrics, published through Connect's plugin metrics (JMX): records and bytes the KPL wrote,
 * their put latency (from hand-over to acknowledgement), retries, rejected records and the records
 * outstanding. Counters are updated on the KPL's callback threads.
 */
public final class KinesisMetrics {
  private final AtomicLong recordsPut = new AtomicLong();
  private final AtomicLong bytesPut = new AtomicLong();
  private final AtomicLong latencyNanosTotal = new AtomicLong();
  private final AtomicLong latencyNanosMax = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public KinesisMetrics(PluginGauges gauges, LongSupplier outstanding) {
    gauges.gauge("records-put-total", "Records the KPL wrote to Kinesis", recordsPut::get);
    gauges.gauge("bytes-put-total", "Bytes of those records (data only)", bytesPut::get);
    gauges.gauge(
        "put-latency-avg-ms",
        "Average time from handing a record to the KPL to its acknowledgement",
        () -> recordsPut.get() == 0 ? 0L : latencyNanosTotal.get() / recordsPut.get() / 1_000_000L);
    gauges.gauge(
        "put-latency-max-ms",
        "Longest time from handing a record to the KPL to its acknowledgement",
        () -> latencyNanosMax.get() / 1_000_000L);
    gauges.gauge("retries-total", "Records put again after the KPL gave up on them", retries::get);
    gauges.gauge(
        "records-rejected-total",
        "Records sent to the error policy (too large, not serialisable)",
        rejected::get);
    gauges.gauge(
        "records-outstanding", "Records handed to the KPL and not acknowledged yet", outstanding);
  }

  public void put(int bytes, long latencyNanos) {
    recordsPut.incrementAndGet();
    bytesPut.addAndGet(bytes);
    latencyNanosTotal.addAndGet(latencyNanos);
    latencyNanosMax.accumulateAndGet(latencyNanos, Math::max);
  }

  public void retry() {
    retries.incrementAndGet();
  }

  public void rejected() {
    rejected.incrementAndGet();
  }

  public long recordsPut() {
    return recordsPut.get();
  }
}
