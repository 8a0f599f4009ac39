package io.spillway.connect.flinkupsert;

import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.kafka.ClusterConfig;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.flinkupsert.combine.CombineValidation;
import io.spillway.connect.flinkupsert.config.BufferConfig;
import io.spillway.connect.flinkupsert.config.CombineConfig;
import io.spillway.connect.flinkupsert.config.FormatConfig;
import io.spillway.connect.flinkupsert.config.TargetConfig;
import io.spillway.connect.flinkupsert.format.TimestampStandard;
import io.spillway.connect.flinkupsert.format.avro.RegistryConfig;
import io.spillway.connect.flinkupsert.write.FieldsInclude;
import io.spillway.connect.flinkupsert.write.Mode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Settings of the Flink upsert sink: the target cluster and topics ({@link TargetConfig}), the rows
 * and their formats ({@link FormatConfig}), the reduction window ({@link BufferConfig}), the merged
 * state of combine=merge ({@link CombineConfig}).
 */
public class FlinkUpsertSinkConfig extends CrossFieldConfig {
  public static final ConfigDef CONFIG_DEF = configDef();

  public FlinkUpsertSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, true);
  }

  private FlinkUpsertSinkConfig(Map<?, ?> props, boolean check) {
    super(CONFIG_DEF, props, check);
  }

  static FlinkUpsertSinkConfig forValidation(Map<?, ?> props) {
    return new FlinkUpsertSinkConfig(props, false);
  }

  private static ConfigDef configDef() {
    ConfigDef def = TargetConfig.define(new ConfigDef());
    FormatConfig.define(def);
    RegistryConfig.define(def);
    BufferConfig.define(def);
    return CombineConfig.define(def);
  }

  @Override
  public List<Map.Entry<String, String>> crossFieldErrors() {
    List<Map.Entry<String, String>> errors = super.crossFieldErrors();
    target().addCrossFieldErrors(errors);
    Map<String, Object> producer = target().producerOverrides();
    Object acks = producer.get(ProducerConfig.ACKS_CONFIG);
    if (acks != null && !"all".equals(acks.toString().trim()) && !"-1".equals(acks.toString())) {
      errors.add(
          Map.entry(
              TargetConfig.CLUSTER.producerPrefix() + ProducerConfig.ACKS_CONFIG,
              "must stay 'all': the sink commits offsets only for records every replica has"));
    }
    Object idempotence = producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
    if (idempotence != null && !Boolean.parseBoolean(idempotence.toString().trim())) {
      errors.add(
          Map.entry(
              TargetConfig.CLUSTER.producerPrefix() + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              "must stay true: retries must not duplicate or reorder the changes of a key"));
    }
    if (combineMerge()) {
      errors.addAll(
          CombineValidation.settingProblems(
              originalsStrings(), targetTopic(), keyFormat(), valueFormat()));
    }
    errors.addAll(
        RegistryConfig.crossFieldErrors(
            this,
            FormatConfig.AVRO_CONFLUENT.equals(keyFormat())
                || FormatConfig.AVRO_CONFLUENT.equals(valueFormat())));
    if (FormatConfig.RAW.equals(keyFormat()) && keyFields().size() > 1) {
      errors.add(
          Map.entry(
              FormatConfig.KEY_FORMAT,
              "raw holds one field, but key.fields names " + keyFields().size()));
    }
    if (mode() == Mode.STANDARD && combineMerge()) {
      errors.add(Map.entry(FormatConfig.MODE, "standard mode cannot combine streams"));
    }
    return errors;
  }

  public ClusterConfig target() {
    return new ClusterConfig(this, TargetConfig.CLUSTER);
  }

  /** The fixed target topic, or empty when {@link #targetTopicFormat()} names each one. */
  public String targetTopic() {
    return getString(TargetConfig.TARGET_TOPIC).trim();
  }

  public String targetTopicFormat() {
    return getString(TargetConfig.TARGET_TOPIC_FORMAT).trim();
  }

  /** Partitions of created targets; -1 means as many as the input topic. */
  public int targetPartitions() {
    return getInt(TargetConfig.TARGET_PARTITIONS);
  }

  public short targetReplicationFactor() {
    return getShort(TargetConfig.TARGET_REPLICATION_FACTOR);
  }

  public Mode mode() {
    return Mode.valueOf(getString(FormatConfig.MODE).trim().toUpperCase(Locale.ROOT));
  }

  public List<String> keyFields() {
    return getList(FormatConfig.KEY_FIELDS).stream()
        .map(String::trim)
        .filter(f -> !f.isEmpty())
        .toList();
  }

  /** Flink's name of the key format, lower case: json, avro-confluent or raw. */
  public String keyFormat() {
    return getString(FormatConfig.KEY_FORMAT).trim().toLowerCase(Locale.ROOT);
  }

  /** Flink's name of the value format, lower case: json or avro-confluent. */
  public String valueFormat() {
    return getString(FormatConfig.VALUE_FORMAT).trim().toLowerCase(Locale.ROOT);
  }

  public FieldsInclude valueFieldsInclude() {
    return FieldsInclude.valueOf(
        getString(FormatConfig.VALUE_FIELDS_INCLUDE).trim().toUpperCase(Locale.ROOT));
  }

  public boolean deleteOnNull() {
    return getBoolean(FormatConfig.DELETE_ON_NULL);
  }

  public TimestampStandard timestampStandard() {
    return TimestampStandard.parse(getString(FormatConfig.JSON_TIMESTAMP_STANDARD));
  }

  public boolean decimalsAsPlainNumbers() {
    return getBoolean(FormatConfig.JSON_DECIMAL_PLAIN);
  }

  public boolean combineMerge() {
    return "merge".equalsIgnoreCase(getString(FormatConfig.COMBINE).trim());
  }

  /** The most bytes the merged state of one task may take (combine=merge). */
  public long combineStateMaxBytes() {
    return getLong(CombineConfig.STATE_MAX_BYTES);
  }

  /** The input topics listed in Connect's {@code topics} (none with {@code topics.regex}). */
  public List<String> inputTopics() {
    String topics = originalsStrings().get(SinkConnector.TOPICS_CONFIG);
    if (topics == null) {
      return List.of();
    }
    return Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  /** Distinct keys per flush window; 0 sends each change at once. */
  public int bufferMaxRows() {
    return getInt(BufferConfig.MAX_ROWS);
  }

  public Duration bufferInterval() {
    return Duration.ofMillis(getLong(BufferConfig.INTERVAL_MS));
  }

  /** Connect's errors.tolerance of this connector (not part of this ConfigDef: Connect owns it). */
  public ErrorTolerance errorTolerance() {
    return ErrantRecords.tolerance(originalsStrings());
  }
}
