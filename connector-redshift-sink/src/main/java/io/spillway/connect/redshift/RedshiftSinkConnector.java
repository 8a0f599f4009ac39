package io.spillway.connect.redshift;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.config.CrossFieldConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Topics to Redshift (or PostgreSQL) tables. Every task gets the same settings; Connect spreads the
 * topic partitions over them, and a key always comes from one partition, so tasks never merge the
 * same key concurrently.
 */
public class RedshiftSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new RedshiftSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RedshiftSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // Every task runs the same config: Connect spreads the topic partitions over them.
    return Collections.nCopies(maxTasks, props);
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return CrossFieldConfig.withCrossFieldErrors(
        super.validate(connectorConfigs), () -> RedshiftSinkConfig.forValidation(connectorConfigs));
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return RedshiftSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return PluginVersion.of(RedshiftSinkConnector.class);
  }
}
