package io.spillway.connect.tablestore;

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
 * Topics to Alibaba Cloud Tablestore tables. Takes the aliyun kafka-connect-tablestore configs as
 * they are. Every task gets the same settings and runs its own client and writers; Connect spreads
 * the topic partitions over them.
 */
public class TablestoreSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new TablestoreSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return TablestoreSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return Collections.nCopies(maxTasks, props);
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return CrossFieldConfig.withCrossFieldErrors(
        super.validate(connectorConfigs),
        () -> TablestoreSinkConfig.forValidation(connectorConfigs));
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return TablestoreSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return PluginVersion.of(TablestoreSinkConnector.class);
  }
}
