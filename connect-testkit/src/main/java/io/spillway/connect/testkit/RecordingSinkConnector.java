package io.spillway.connect.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A sink connector for tests that captures every record it is handed (after converters and
 * transforms) in {@link RecordingSink}, under the name given by {@value #RECORDING_NAME_CONFIG}
 * (default: the connector's {@code name}).
 *
 * <p>Registered in {@code META-INF/services} so that {@code plugin.discovery=service_load} finds it
 * on the worker's classpath.
 */
public class RecordingSinkConnector extends SinkConnector {

  /** Key under which records are captured in {@link RecordingSink}. */
  public static final String RECORDING_NAME_CONFIG = "recording.name";

  static final String VERSION = "test";

  static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              RECORDING_NAME_CONFIG,
              ConfigDef.Type.STRING,
              null,
              // Validated so that tests can provoke a validation error with an empty value.
              new ConfigDef.NonEmptyString(),
              ConfigDef.Importance.HIGH,
              "Key under which received records are captured in RecordingSink; defaults to the"
                  + " connector name.");

  private Map<String, String> taskProps;

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
    String recordingName = config.getString(RECORDING_NAME_CONFIG);
    if (recordingName == null) {
      recordingName = props.get("name");
    }
    taskProps = new HashMap<>(props);
    // Resolve the default once, here, so that every task records under the same key.
    taskProps.put(RECORDING_NAME_CONFIG, recordingName);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RecordingSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(Map.copyOf(taskProps));
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }
}
