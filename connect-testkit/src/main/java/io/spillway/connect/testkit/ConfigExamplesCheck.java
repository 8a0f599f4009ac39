package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

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
 * The checks every connector's {@code config-examples/<folder>} gets, as a base class of the
 * module's {@code ConfigExamplesIT}: each example, standalone {@code .properties} and REST {@code
 * .json}, validated by a real worker (with the example worker's config providers) after its {@code
 * ${env:NAME}} placeholders are given the subclass's realistic values; both forms of a scenario
 * hold the same settings; the module's plugin archive (which the worker loads the connector from)
 * ships them; every placeholder is known. The destination is never contacted: validate checks the
 * settings only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConfigExamplesCheck {
  /** Failsafe runs in the module directory; the examples live next to it at the repo root. */
  private static final Path ROOT = Path.of("..", "config-examples");

  private static final Path DISTRIBUTED_WORKER =
      ROOT.resolve("workers").resolve("connect-distributed.properties");

  private final Path examples;
  private final String connectorClass;
  private final String artifactId;
  private final int scenarios;
  private Map<String, String> environment;
  private EmbeddedConnect connect;

  /**
   * @param folder the examples' folder under {@code config-examples}
   * @param connectorClass the connector every example must name
   * @param artifactId the module whose plugin archive ships the examples
   * @param scenarios how many scenarios (properties/json pairs) there are at least
   */
  protected ConfigExamplesCheck(
      String folder, String connectorClass, String artifactId, int scenarios) {
    this.examples = ROOT.resolve(folder);
    this.connectorClass = connectorClass;
    this.artifactId = artifactId;
    this.scenarios = scenarios;
  }

  /** The value of every {@code ${env:NAME}} the examples use, realistic for the connector. */
  protected abstract Map<String, String> environment() throws Exception;

  /** Settings the test changes before validating, e.g. a check that would contact a host. */
  protected void beforeValidate(Map<String, String> config) {}

  /**
   * What validate cannot see, checked on the resolved config after it validated without errors,
   * e.g. that the settings also start a task's config without complaint.
   */
  protected abstract void afterValidate(String file, Map<String, String> config) throws Exception;

  /** The resolved environment, for subclasses' checks. */
  protected final Map<String, String> env() {
    return environment;
  }

  @BeforeAll
  void startWorker() throws Exception {
    environment = environment();
    // The worker gets the config providers of the example worker file, as a user's would.
    Map<String, String> providers = new HashMap<>();
    ConfigExamples.loadProperties(DISTRIBUTED_WORKER)
        .forEach(
            (key, value) -> {
              if (key.startsWith("config.providers")) {
                providers.put(key, value);
              }
            });
    assertFalse(providers.isEmpty(), "the worker example declares config providers");
    connect =
        EmbeddedConnect.builder().workers(1).workerProps(providers).modulePluginArchive().start();
  }

  @AfterAll
  void stopWorker() {
    if (connect != null) {
      connect.close();
    }
  }

  List<String> examples() {
    return ConfigExamples.files(examples);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesWithoutErrors(String file) throws Exception {
    Map<String, String> config =
        ConfigExamples.resolve(ConfigExamples.load(examples.resolve(file)), environment);
    assertEquals(connectorClass, config.get("connector.class"), file + ": connector.class");
    beforeValidate(config);
    ConnectorValidation validation = connect.validate(connectorClass, config);
    if (validation.errorCount() != 0 || !validation.errors().isEmpty()) {
      fail(
          file
              + ": the worker reported "
              + validation.errorCount()
              + " error(s):\n  "
              + String.join("\n  ", validation.errors()));
    }
    afterValidate(file, config);
  }

  @Test
  void propertiesAndJsonOfEachScenarioHoldTheSameSettings() {
    ConfigExamples.assertScenarioPairs(examples, scenarios);
  }

  @Test
  void pluginArchiveShipsTheExamplesInEtc() {
    ConfigExamples.assertShippedInModuleArchive(examples, artifactId);
  }

  @Test
  void everyPlaceholderNamesAnEnvironmentVariableTheTestKnows() {
    assertEquals(
        new TreeSet<>(environment.keySet()),
        ConfigExamples.environmentVariables(examples),
        "environment variables in examples");
  }
}
