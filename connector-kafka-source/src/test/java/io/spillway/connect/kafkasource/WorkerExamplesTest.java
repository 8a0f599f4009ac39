package io.spillway.connect.kafkasource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker examples of {@code config-examples/workers}: parseable, accepted by Connect's own
 * worker config classes, with a plugin.path and the {@code env} config provider that lets every
 * {@code ${env:NAME}} of the connector examples through.
 */
class WorkerExamplesTest {
  private static final Path WORKERS = Path.of("..", "config-examples", "workers");
  private static final Path CONNECTOR_EXAMPLES = Path.of("..", "config-examples", "kafka-source");
  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([^}]*)}");

  private static Map<String, String> load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
    return map;
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect-standalone.properties", "connect-distributed.properties"})
  void workerHasPluginPathAndTheEnvConfigProvider(String file) throws IOException {
    Map<String, String> worker = load(WORKERS.resolve(file));

    assertFalse(worker.getOrDefault("plugin.path", "").isBlank(), file + ": plugin.path");
    assertEquals("service_load", worker.get("plugin.discovery"), file + ": plugin.discovery");
    List<String> providers =
        Arrays.stream(worker.getOrDefault("config.providers", "").split(","))
            .map(String::trim)
            .toList();
    assertTrue(providers.contains("env"), file + ": config.providers=" + providers);
    assertEquals(
        EnvVarConfigProvider.class.getName(),
        worker.get("config.providers.env.class"),
        file + ": config.providers.env.class");

    // Connect's own worker config classes check types and required keys (no connection made).
    if (file.contains("distributed")) {
      assertDoesNotThrow(() -> new DistributedConfig(worker), file);
    } else {
      assertDoesNotThrow(() -> new StandaloneConfig(worker), file);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect-standalone.properties", "connect-distributed.properties"})
  void envAllowlistAdmitsWhatTheExamplesReadAndNothingElse(String file) throws IOException {
    String allowlist =
        load(WORKERS.resolve(file)).get("config.providers.env.param.allowlist.pattern");
    if (allowlist == null) {
      return; // no allowlist: every variable is readable
    }
    Pattern allowed = Pattern.compile(allowlist);
    List<Path> examples;
    try (Stream<Path> files = Files.list(CONNECTOR_EXAMPLES)) {
      examples = files.filter(path -> path.toString().endsWith(".properties")).toList();
    }
    assertFalse(examples.isEmpty(), "connector examples in " + CONNECTOR_EXAMPLES);
    for (Path example : examples) {
      for (String value : load(example).values()) {
        Matcher matcher = ENV_PLACEHOLDER.matcher(value);
        while (matcher.find()) {
          assertTrue(
              allowed.matcher(matcher.group(1)).matches(),
              file + " does not let " + example.getFileName() + " read " + matcher.group(1));
        }
      }
    }
    for (String other : List.of("KAFKA_OPTS", "KAFKA_HEAP_OPTS", "AWS_SECRET_ACCESS_KEY", "PATH")) {
      assertFalse(allowed.matcher(other).matches(), file + " lets connector configs read " + other);
    }
  }
}
