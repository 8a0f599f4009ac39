package io.spillway.connect.flinkupsert;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.flinkupsert.combine.CombineValidation;
import io.spillway.connect.flinkupsert.config.TargetConfig;
import io.spillway.connect.flinkupsert.write.TargetTopics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Topics to compacted topics in Flink's upsert-kafka format (or, mode=standard, append topics for
 * Flink's kafka table). Validation checks the target topics on the target cluster; start creates
 * the missing targets of the listed topics (tasks create those of topics.regex on first use).
 */
public class FlinkUpsertSinkConnector extends SinkConnector {
  private static final long START_TIMEOUT_MS = 30_000;

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    FlinkUpsertSinkConfig config = new FlinkUpsertSinkConfig(props);
    this.props = Map.copyOf(props);
    List<String> inputs = inputTopics(props);
    if (inputs.isEmpty()) {
      return;
    }
    TargetTopics topics = targetTopics(config);
    try (Admin admin =
        Admin.create(ClusterClients.adminProperties(config.target(), "spillway-flink-upsert"))) {
      for (String input : inputs) {
        topics.ensure(admin, input, START_TIMEOUT_MS);
      }
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FlinkUpsertSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // Every task runs the same config: Connect spreads the topic partitions over them.
    return Collections.nCopies(maxTasks, props);
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result =
        CrossFieldConfig.withCrossFieldErrors(
            super.validate(connectorConfigs),
            () -> FlinkUpsertSinkConfig.forValidation(connectorConfigs));
    if (CrossFieldConfig.hasErrors(result)) {
      return result;
    }
    FlinkUpsertSinkConfig config = FlinkUpsertSinkConfig.forValidation(connectorConfigs);
    int timeoutMs = config.target().connectionCheckMs();
    if (timeoutMs == 0) {
      return result;
    }
    return CrossFieldConfig.withErrors(result, targetProblems(config, connectorConfigs, timeoutMs));
  }

  /** Problems of the targets of the listed input topics, each on the key that names them. */
  private static List<Map.Entry<String, String>> targetProblems(
      FlinkUpsertSinkConfig config, Map<String, String> props, int timeoutMs) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    String key =
        config.targetTopic().isEmpty()
            ? TargetConfig.TARGET_TOPIC_FORMAT
            : TargetConfig.TARGET_TOPIC;
    TargetTopics topics = targetTopics(config);
    Map<String, Object> adminProps =
        ClusterClients.adminProperties(config.target(), "spillway-flink-upsert-validate");
    adminProps.putIfAbsent("request.timeout.ms", timeoutMs);
    adminProps.putIfAbsent("default.api.timeout.ms", timeoutMs);
    try (Admin admin = Admin.create(adminProps)) {
      for (String input : inputTopics(props)) {
        Optional<String> problem = topics.problem(admin, input, timeoutMs);
        problem.ifPresent(
            p ->
                errors.add(
                    Map.entry(
                        p.contains("target.partitions") ? TargetConfig.TARGET_PARTITIONS : key,
                        p)));
      }
      if (config.combineMerge()) {
        errors.addAll(
            CombineValidation.partitionProblems(
                admin,
                config.inputTopics(),
                topics.target(""),
                config.targetPartitions(),
                timeoutMs));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      errors.add(
          Map.entry(
              TargetConfig.CLUSTER.bootstrapServers(),
              "cannot reach the target cluster to check the target topics: " + e));
    }
    return errors;
  }

  private static TargetTopics targetTopics(FlinkUpsertSinkConfig config) {
    return new TargetTopics(
        config.targetTopic(),
        config.targetTopicFormat(),
        config.target().topicPrefix(),
        config.mode(),
        config.targetPartitions(),
        config.targetReplicationFactor());
  }

  private static List<String> inputTopics(Map<String, String> props) {
    String topics = props.get(TOPICS_CONFIG);
    if (topics == null || topics.isBlank()) {
      return List.of();
    }
    return List.of(topics.split(",")).stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return FlinkUpsertSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return PluginVersion.of(FlinkUpsertSinkConnector.class);
  }
}
