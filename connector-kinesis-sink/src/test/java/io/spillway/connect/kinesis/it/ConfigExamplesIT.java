package io.spillway.connect.kinesis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.spillway.connect.kinesis.KinesisSinkConfig;
import io.spillway.connect.kinesis.KinesisSinkConnector;
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
 * Every Kinesis sink example of {@code config-examples/kinesis-sink}, standalone {@code
 * .properties} and REST {@code .json}, validated by a real worker (with the example worker's config
 * providers) after its {@code ${env:NAME}} placeholders are given realistic values. Kinesis is
 * never contacted: validate checks the settings only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigExamplesIT {
  static final Path EXAMPLES = Path.of("..", "config-examples", "kinesis-sink");
  static final Path DISTRIBUTED_WORKER =
      Path.of("..", "config-examples", "workers", "connect-distributed.properties");

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "KINESIS_REGION",
          "eu-west-1",
          "AWS_ACCESS_KEY_ID",
          "AKIAIOSFODNN7EXAMPLE",
          "AWS_SECRET_ACCESS_KEY",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "KINESIS_ROLE_ARN",
          "arn:aws:iam::123456789012:role/spillway-kinesis-writer",
          "KINESIS_ROLE_EXTERNAL_ID",
          "spillway-7f3c2a",
          "KINESIS_STREAM",
          "clickstream");

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
    assertEquals(KinesisSinkConnector.class.getName(), config.get("connector.class"), file);
    ConnectorValidation validation = connect.validate(KinesisSinkConnector.class.getName(), config);
    if (validation.errorCount() != 0 || !validation.errors().isEmpty()) {
      fail(file + ": " + String.join("\n  ", validation.errors()));
    }
    // What validate cannot see: the settings also start a task's config without complaint.
    assertEquals(Map.of(), new KinesisSinkConfig(config).kpl().errors(), file);
  }

  @Test
  void propertiesAndJsonOfEachScenarioHoldTheSameSettings() {
    ConfigExamples.assertScenarioPairs(EXAMPLES, 3);
  }

  @Test
  void pluginArchiveShipsTheExamplesInEtc() {
    ConfigExamples.assertShippedInModuleArchive(EXAMPLES, "connector-kinesis-sink");
  }

  @Test
  void everyPlaceholderNamesAnEnvironmentVariableTheTestKnows() {
    assertEquals(
        new TreeSet<>(ENVIRONMENT.keySet()),
        ConfigExamples.environmentVariables(EXAMPLES),
        "environment variables in examples");
  }
}
