package io.spillway.connect.redshift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.RedshiftSinkConnector;
import io.spillway.connect.testkit.ConfigExamples;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Redshift sink example of {@code config-examples/redshift-sink}, standalone {@code
 * .properties} and REST {@code .json}, validated by a real worker (with the example worker's config
 * providers) after its {@code ${env:NAME}} placeholders are given realistic values. The warehouse
 * is never contacted: validate checks the settings only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigExamplesIT {
  static final Path EXAMPLES = Path.of("..", "config-examples", "redshift-sink");
  static final Path DISTRIBUTED_WORKER =
      Path.of("..", "config-examples", "workers", "connect-distributed.properties");

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "REDSHIFT_JDBC_URL",
          "jdbc:redshift://analytics.abc123xyz789.us-east-1.redshift.amazonaws.com:5439/dev",
          "REDSHIFT_USER",
          "spillway_loader",
          "REDSHIFT_PASSWORD",
          "correct-horse-battery-staple",
          "POSTGRES_JDBC_URL",
          "jdbc:postgresql://db.example.com:5432/analytics",
          "POSTGRES_USER",
          "spillway",
          "POSTGRES_PASSWORD",
          "tr0ub4dor&3");

  private EmbeddedConnect connect;

  @BeforeAll
  void start() {
    Map<String, String> providers = new HashMap<>();
    ConfigExamples.loadProperties(DISTRIBUTED_WORKER)
        .forEach(
            (key, value) -> {
              if (key.startsWith("config.providers")) {
                providers.put(key, value);
              }
            });
    connect = EmbeddedConnect.builder().workerProps(providers).modulePluginArchive().start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  static List<String> examples() {
    return ConfigExamples.files(EXAMPLES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesWithoutErrors(String file) {
    Map<String, String> config =
        ConfigExamples.resolve(ConfigExamples.load(EXAMPLES.resolve(file)), ENVIRONMENT);
    assertEquals(RedshiftSinkConnector.class.getName(), config.get("connector.class"), file);
    ConnectorValidation validation =
        connect.validate(RedshiftSinkConnector.class.getName(), config);
    if (validation.errorCount() != 0 || !validation.errors().isEmpty()) {
      fail(file + ": " + String.join("\n  ", validation.errors()));
    }
    // What validate cannot see: the settings also start a task's config without complaint.
    new RedshiftSinkConfig(config);
  }

  @Test
  void propertiesAndJsonOfEachScenarioHoldTheSameSettings() {
    ConfigExamples.assertScenarioPairs(EXAMPLES, 4);
  }

  @Test
  void pluginArchiveShipsTheExamplesInEtc() {
    ConfigExamples.assertShippedInModuleArchive(EXAMPLES, "connector-redshift-sink");
  }

  @Test
  void everyPlaceholderNamesAnEnvironmentVariableTheTestKnows() {
    assertEquals(
        new TreeSet<>(ENVIRONMENT.keySet()),
        ConfigExamples.environmentVariables(EXAMPLES),
        "environment variables in examples");
  }
}
