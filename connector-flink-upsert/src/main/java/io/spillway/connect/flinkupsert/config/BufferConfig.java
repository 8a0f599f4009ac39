package io.spillway.connect.flinkupsert.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The reduction window, as Flink's {@code sink.buffer-flush.*} options. */
public final class BufferConfig {
  public static final String GROUP = "Writes";

  public static final String MAX_ROWS = "buffer.flush.max-rows";
  public static final int MAX_ROWS_DEFAULT = 10_000;
  public static final String MAX_ROWS_DOC =
      "Flink 'sink.buffer-flush.max-rows': distinct keys a flush window holds before it is sent;"
          + " within a window only the last change per key reaches the target. 0 sends every"
          + " change at once (no reduction).";

  public static final String INTERVAL_MS = "buffer.flush.interval";
  public static final long INTERVAL_MS_DEFAULT = 1_000L;
  public static final String INTERVAL_MS_DOC =
      "Flink 'sink.buffer-flush.interval' in milliseconds: the longest a change waits in the"
          + " window. An offset commit sends the window too.";

  private BufferConfig() {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            MAX_ROWS,
            Type.INT,
            MAX_ROWS_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            MAX_ROWS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Flush max rows")
        .define(
            INTERVAL_MS,
            Type.LONG,
            INTERVAL_MS_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            INTERVAL_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Flush interval (ms)");
  }
}
