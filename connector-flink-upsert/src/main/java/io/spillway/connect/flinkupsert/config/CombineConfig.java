package io.spillway.connect.flinkupsert.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Limits of {@code combine=merge}: the merged state a task keeps for its partitions. */
public final class CombineConfig {
  public static final String GROUP = "Combine";

  public static final String STATE_MAX_BYTES = "combine.state.max.bytes";
  public static final long STATE_MAX_BYTES_DEFAULT = 256L * 1024 * 1024;
  public static final String STATE_MAX_BYTES_DOC =
      "combine=merge only: the most memory one task's merged state may take (the latest merged"
          + " row per key of its partitions, counted as key bytes + value bytes + 112 bytes per"
          + " key). Beyond it the task fails, naming this setting: raise it together with the"
          + " worker heap, or spread the inputs over more partitions and tasks.";

  private CombineConfig() {}

  public static ConfigDef define(ConfigDef def) {
    return def.define(
        STATE_MAX_BYTES,
        Type.LONG,
        STATE_MAX_BYTES_DEFAULT,
        Range.atLeast(1024),
        Importance.LOW,
        STATE_MAX_BYTES_DOC,
        GROUP,
        1,
        Width.SHORT,
        "Combine state max bytes");
  }
}
