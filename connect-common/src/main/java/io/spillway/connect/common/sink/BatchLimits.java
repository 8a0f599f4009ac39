package io.spillway.connect.common.sink;

import java.time.Duration;

/**
 * When a buffer is written: at {@code maxRecords} records, at {@code maxBytes} of estimated record
 * data ({@link RecordSize}), or when its oldest record has waited {@code maxWait}.
 */
public record BatchLimits(int maxRecords, long maxBytes, Duration maxWait) {
  public BatchLimits {
    if (maxRecords < 1 || maxBytes < 1 || maxWait.isNegative()) {
      throw new IllegalArgumentException("invalid batch limits");
    }
  }

  /** True when a buffer holding this much must be written now. */
  public boolean full(long records, long bytes) {
    return records >= maxRecords || bytes >= maxBytes;
  }
}
