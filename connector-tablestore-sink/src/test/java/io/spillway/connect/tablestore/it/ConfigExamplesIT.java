package io.spillway.connect.tablestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.spillway.connect.tablestore.TablestoreSinkConfig;
import io.spillway.connect.tablestore.TablestoreSinkConnector;
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
 * Every Tablestore sink example of {@code config-examples/tablestore-sink}, standalone {@code
 * .properties} and REST {@code .json}: the aliyun connector's documented examples, unchanged but
 * for connector.class and the credentials, and our own. Each is validated by a real worker (with
 * the example worker's config providers) after its {@code ${env:NAME}} placeholders get realistic
 * values. Tablestore is never contacted: validate checks the settings only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigExamplesIT {
  static final Path EXAMPLES = Path.of("..", "config-examples", "tablestore-sink");
  static final Path DISTRIBUTED_WORKER =
      Path.of("..", "config-examples", "workers", "connect-distributed.properties");

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "TABLESTORE_ENDPOINT", "https://myinstance.cn-hangzhou.ots.aliyuncs.com",
          "TABLESTORE_INSTANCE", "myinstance",
          "TABLESTORE_ACCESS_KEY_ID", "LTAI5tExampleKeyId",
          "TABLESTORE_ACCESS_KEY_SECRET", "ExampleSecretOfThirtyCharacters");

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
    assertEquals(TablestoreSinkConnector.class.getName(), config.get("connector.class"), file);
    ConnectorValidation validation =
        connect.validate(TablestoreSinkConnector.class.getName(), config);
    if (validation.errorCount() != 0 || !validation.errors().isEmpty()) {
      fail(file + ": " + String.join("\n  ", validation.errors()));
    }
    // What validate cannot see: a task's config takes the settings too.
    new TablestoreSinkConfig(config);
  }

  @Test
  void propertiesAndJsonOfEachScenarioHoldTheSameSettings() {
    ConfigExamples.assertScenarioPairs(EXAMPLES, 4);
  }

  @Test
  void pluginArchiveShipsTheExamplesInEtc() {
    ConfigExamples.assertShippedInModuleArchive(EXAMPLES, "connector-tablestore-sink");
  }

  @Test
  void everyPlaceholderNamesAnEnvironmentVariableTheTestKnows() {
    assertEquals(
        new TreeSet<>(ENVIRONMENT.keySet()),
        ConfigExamples.environmentVariables(EXAMPLES),
        "environment variables in examples");
  }
}
