package io.spillway.connect.flinkupsert.it;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.EmbeddedConnectBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The connector from this module's plugin archive in a Connect worker cluster shared by the tests
 * of a class, writing to the embedded broker as the target cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConnectorIT {
  static final String CONNECTOR = "io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector";

  EmbeddedConnect connect;

  /** The workers to start; one by default. */
  EmbeddedConnectBuilder workers() {
    return EmbeddedConnect.builder();
  }

  @BeforeAll
  void start() {
    connect = workers().modulePluginArchive().start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  /** Two tasks from {@code topics} to {@code target}, JSON converters, a short flush interval. */
  Map<String, String> connector(String topics, String target, String keyFields) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CONNECTOR);
    config.put("topics", topics);
    config.put("tasks.max", "2");
    config.put("target.bootstrap.servers", connect.kafka());
    config.put("target.topic", target);
    config.put("key.fields", keyFields);
    config.put("buffer.flush.interval", "200");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    return config;
  }

  /** The trace of task 0 of {@code name} once it failed. */
  String failedTaskTrace(String name, Duration timeout) {
    return Await.value(
        timeout,
        "a FAILED task of " + name,
        () -> connect.connectorStatus(name).path("tasks").path(0).path("trace").asText(""),
        t -> !t.isEmpty());
  }
}
