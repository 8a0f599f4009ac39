package io.spillway.connect.kinesis;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.kinesis.client.KplSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Topics to Kinesis data streams through the Kinesis Producer Library. Every task gets the same
 * settings; Connect spreads the topic partitions over them. Each task runs its own KPL daemon.
 */
public class KinesisSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    KinesisSinkConfig config = new KinesisSinkConfig(props);
    Map<String, String> kplErrors = config.kpl().errors();
    if (!kplErrors.isEmpty()) {
      Map.Entry<String, String> first = kplErrors.entrySet().iterator().next();
      throw new ConfigException(first.getKey() + ": " + first.getValue());
    }
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KinesisSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // Every task runs the same config: Connect spreads the topic partitions over them.
    return Collections.nCopies(maxTasks, props);
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config =
        CrossFieldConfig.withCrossFieldErrors(
            super.validate(connectorConfigs),
            () -> KinesisSinkConfig.forValidation(connectorConfigs));
    // kpl.* keys are not in the ConfigDef: report each one the KPL does not take on its own key.
    Map<String, Object> kpl = new HashMap<>();
    connectorConfigs.forEach(
        (key, value) -> {
          if (key.startsWith(KplSettings.PREFIX)) {
            kpl.put(key.substring(KplSettings.PREFIX.length()), value);
          }
        });
    List<ConfigValue> values = new ArrayList<>(config.configValues());
    KplSettings.from(kpl)
        .errors()
        .forEach(
            (key, message) ->
                values.add(
                    new ConfigValue(key, connectorConfigs.get(key), List.of(), List.of(message))));
    return new Config(values);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return KinesisSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return PluginVersion.of(KinesisSinkConnector.class);
  }
}
