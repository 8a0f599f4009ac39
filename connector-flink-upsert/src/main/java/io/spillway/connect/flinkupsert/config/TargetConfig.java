package io.spillway.connect.flinkupsert.config;

import io.spillway.connect.common.kafka.ClusterConfig;
import io.spillway.connect.common.kafka.ClusterKeys;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The target cluster ({@code target.*}, shared Kafka client code) and the target topics. */
public final class TargetConfig {
  public static final ClusterKeys CLUSTER =
      new ClusterKeys(
          "target.", "target.heroku.", "target cluster", "Target cluster", "Target Heroku Kafka");
  public static final String GROUP = "Target topic";

  public static final String TARGET_TOPIC = "target.topic";
  public static final String TARGET_TOPIC_DEFAULT = "";
  public static final String TARGET_TOPIC_DOC =
      "One target topic for every input topic (Flink's 'topic'). Empty: target.topic.format names"
          + " each input topic's target.";

  public static final String TARGET_TOPIC_FORMAT = "target.topic.format";
  public static final String TARGET_TOPIC_FORMAT_DEFAULT = "${topic}";
  public static final String TARGET_TOPIC_FORMAT_DOC =
      "Target topic of each input topic when target.topic is empty; ${topic} is the record's topic"
          + " (after transforms). The Heroku prefix (target.heroku.prefix) is put in front.";

  public static final String TARGET_PARTITIONS = "target.partitions";
  public static final int TARGET_PARTITIONS_DEFAULT = -1;
  public static final String TARGET_PARTITIONS_DOC =
      "Partitions of a target topic this connector creates. -1: as many as the input topic has"
          + " (counted on the target cluster, so the input topic must be there too; otherwise set"
          + " a count). Existing targets are used as they are.";

  public static final String TARGET_REPLICATION_FACTOR = "target.replication.factor";
  public static final short TARGET_REPLICATION_FACTOR_DEFAULT = -1;
  public static final String TARGET_REPLICATION_FACTOR_DOC =
      "Replication factor of a target topic this connector creates; -1: the broker's default.";

  private TargetConfig() {}

  public static ConfigDef define(ConfigDef def) {
    ClusterConfig.defineTarget(
        def,
        CLUSTER,
        1,
        "KAFKA_PREFIX of multi-tenant plans: put in front of every target topic name.");
    int order = 0;
    return def.define(
            TARGET_TOPIC,
            Type.STRING,
            TARGET_TOPIC_DEFAULT,
            Importance.HIGH,
            TARGET_TOPIC_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Target topic")
        .define(
            TARGET_TOPIC_FORMAT,
            Type.STRING,
            TARGET_TOPIC_FORMAT_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            TARGET_TOPIC_FORMAT_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Target topic format")
        .define(
            TARGET_PARTITIONS,
            Type.INT,
            TARGET_PARTITIONS_DEFAULT,
            Range.between(-1, 100_000),
            Importance.MEDIUM,
            TARGET_PARTITIONS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Target partitions")
        .define(
            TARGET_REPLICATION_FACTOR,
            Type.SHORT,
            TARGET_REPLICATION_FACTOR_DEFAULT,
            Importance.LOW,
            TARGET_REPLICATION_FACTOR_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Target replication factor");
  }
}
