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
 * How a sink retries retriable write errors: {@code max.retries} and {@code retry.backoff.ms}.
 * {@link #define} adds them to a sink's ConfigDef, {@link #policy} reads them.
 */
public final class RetryConfig {
  public static final String MAX_RETRIES = "max.retries";
  public static final int MAX_RETRIES_DEFAULT = 10;

  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
  public static final long RETRY_BACKOFF_MS_DEFAULT = 3_000L;
  public static final String RETRY_BACKOFF_MS_DOC =
      "Wait before the first retry; it doubles with every further attempt, up to one minute. The"
          + " defaults ride out an outage of about six minutes.";

  /** The longest wait between two attempts, whatever the attempt number. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private RetryConfig() {}

  /**
   * The {@code max.retries} doc, naming the sink's retriable errors, e.g. "database error
   * (connection lost, serialization failure, deadlock)".
   */
  public static String maxRetriesDoc(String retriableErrors) {
    return "Attempts after a retriable "
        + retriableErrors
        + " before the task fails. Connect redelivers nothing meanwhile: the batch stays buffered"
        + " and offsets are not committed.";
  }

  /** Adds the retry keys to {@code group}, after the keys already there. */
  public static ConfigDef define(ConfigDef def, String group, String retriableErrors) {
    return defineWithDoc(def, group, maxRetriesDoc(retriableErrors));
  }

  /**
   * The same with a {@code max.retries} doc of the sink's own, for a sink whose retries end in
   * something other than a failed task.
   */
  public static ConfigDef defineWithDoc(ConfigDef def, String group, String maxRetriesDoc) {
    int order = ConfigGroups.nextOrder(def, group);
    return def.define(
            MAX_RETRIES,
            Type.INT,
            MAX_RETRIES_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            maxRetriesDoc,
            group,
            order++,
            Width.SHORT,
            "Max retries")
        .define(
            RETRY_BACKOFF_MS,
            Type.LONG,
            RETRY_BACKOFF_MS_DEFAULT,
            Range.atLeast(0),
            Importance.LOW,
            RETRY_BACKOFF_MS_DOC,
            group,
            order,
            Width.SHORT,
            "Retry backoff (ms)");
  }

  /** The policy a config defined with {@link #define} holds. */
  public static RetryPolicy policy(AbstractConfig config) {
    return new RetryPolicy(
        config.getInt(MAX_RETRIES),
        Duration.ofMillis(config.getLong(RETRY_BACKOFF_MS)),
        MAX_BACKOFF);
  }
}
