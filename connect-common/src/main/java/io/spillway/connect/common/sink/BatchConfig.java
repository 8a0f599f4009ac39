package io.spillway.connect.common.sink;

import io.spillway.connect.common.config.ConfigGroups;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * When a buffering sink writes: {@code batch.size}, {@code batch.max.bytes} and {@code
 * batch.max.wait.ms}, whichever is reached first. {@link #define} adds them to a sink's ConfigDef,
 * {@link #limits} reads them.
 */
public final class BatchConfig {
  public static final String BATCH_SIZE = "batch.size";
  public static final String BATCH_SIZE_DOC =
      "Records buffered before a write. Bigger batches reduce more updates of the same key and"
          + " cost fewer transactions; batch.max.bytes bounds the memory they take.";

  public static final String BATCH_MAX_BYTES = "batch.max.bytes";
  public static final long BATCH_MAX_BYTES_DEFAULT = 64L * 1024 * 1024;
  public static final String BATCH_MAX_BYTES_DOC =
      "Largest estimated size of the records a task buffers (keys, values and headers; strings"
          + " and bytes by their length): a buffer that reaches it is written, as at batch.size."
          + " It bounds a task's memory whatever batch.size and batch.max.wait.ms say.";

  public static final String BATCH_MAX_WAIT_MS = "batch.max.wait.ms";
  public static final long BATCH_MAX_WAIT_MS_DEFAULT = 1_000L;
  public static final String BATCH_MAX_WAIT_MS_DOC =
      "Longest time a buffered record waits for its batch to fill before it is written anyway.";

  private BatchConfig() {}

  /** Adds the batching keys to {@code group}, after the keys already there. */
  public static ConfigDef define(ConfigDef def, String group, int batchSizeDefault) {
    int order = ConfigGroups.nextOrder(def, group);
    return def.define(
            BATCH_SIZE,
            Type.INT,
            batchSizeDefault,
            Range.atLeast(1),
            Importance.MEDIUM,
            BATCH_SIZE_DOC,
            group,
            order++,
            Width.SHORT,
            "Batch size")
        .define(
            BATCH_MAX_BYTES,
            Type.LONG,
            BATCH_MAX_BYTES_DEFAULT,
            Range.atLeast(1),
            Importance.LOW,
            BATCH_MAX_BYTES_DOC,
            group,
            order++,
            Width.SHORT,
            "Batch max bytes")
        .define(
            BATCH_MAX_WAIT_MS,
            Type.LONG,
            BATCH_MAX_WAIT_MS_DEFAULT,
            Range.atLeast(0),
            Importance.LOW,
            BATCH_MAX_WAIT_MS_DOC,
            group,
            order,
            Width.SHORT,
            "Batch max wait (ms)");
  }

  /** The limits a config defined with {@link #define} holds. */
  public static BatchLimits limits(AbstractConfig config) {
    return new BatchLimits(
        config.getInt(BATCH_SIZE),
        config.getLong(BATCH_MAX_BYTES),
        Duration.ofMillis(config.getLong(BATCH_MAX_WAIT_MS)));
  }
}
