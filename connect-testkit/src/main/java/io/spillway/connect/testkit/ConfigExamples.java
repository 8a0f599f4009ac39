package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and checks the connector examples of {@code config-examples/<connector>}: each scenario as
 * a standalone {@code .properties} file and a REST {@code .json} body holding the same settings,
 * which the build copies into the plugin archive's {@code etc/}, with {@code ${env:NAME}}
 * placeholders resolved as the worker's EnvVarConfigProvider would.
 */
public final class ConfigExamples {
  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([^}]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigExamples() {}

  /** The example files of a folder (.properties and .json), sorted by name. */
  public static List<String> files(Path dir) {
    List<String> names =
        fileNames(dir).stream()
            .filter(name -> name.endsWith(".properties") || name.endsWith(".json"))
            .toList();
    assertFalse(names.isEmpty(), "no examples found in " + dir.toAbsolutePath());
    return names;
  }

  /**
   * A connector config from a standalone {@code .properties} file (name included) or a REST {@code
   * .json} body ({@code {"name": ..., "config": {...}}}, name moved into the config).
   */
  public static Map<String, String> load(Path file) {
    if (file.toString().endsWith(".properties")) {
      return loadProperties(file);
    }
    try {
      JsonNode body = JSON.readTree(file.toFile());
      Set<String> fields = new TreeSet<>();
      body.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          Set.of("name", "config"), fields, file + ": a POST /connectors body has name and config");
      Map<String, String> config = new HashMap<>();
      config.put("name", body.get("name").asText());
      for (Map.Entry<String, JsonNode> field : body.get("config").properties()) {
        assertTrue(field.getValue().isTextual(), file + ": " + field.getKey() + " is a string");
        assertFalse(config.containsKey(field.getKey()), file + ": " + field.getKey() + " twice");
        config.put(field.getKey(), field.getValue().asText());
      }
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  public static Map<String, String> loadProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
    return properties.stringPropertyNames().stream()
        .collect(Collectors.toMap(key -> key, properties::getProperty));
  }

  /** Replaces every {@code ${env:NAME}}; fails on a variable the environment lacks. */
  public static Map<String, String> resolve(
      Map<String, String> config, Map<String, String> environment) {
    Map<String, String> resolved = new HashMap<>();
    config.forEach(
        (key, value) -> {
          Matcher matcher = ENV_PLACEHOLDER.matcher(value);
          StringBuilder out = new StringBuilder();
          while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = environment.get(name);
            if (replacement == null) {
              fail(key + " reads ${env:" + name + "}, a variable this test does not provide");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
          }
          matcher.appendTail(out);
          resolved.put(key, out.toString());
        });
    return resolved;
  }

  /** Every environment variable the examples of a folder read. */
  public static Set<String> environmentVariables(Path dir) {
    Set<String> used = new TreeSet<>();
    for (String file : files(dir)) {
      for (String value : load(dir.resolve(file)).values()) {
        Matcher matcher = ENV_PLACEHOLDER.matcher(value);
        while (matcher.find()) {
          used.add(matcher.group(1));
        }
      }
    }
    return used;
  }

  /** Each scenario has one .properties and one .json file, holding the same settings. */
  public static void assertScenarioPairs(Path dir, int minimumScenarios) {
    Map<String, Set<String>> byScenario = new TreeMap<>();
    for (String file : files(dir)) {
      String scenario = file.substring(0, file.lastIndexOf('.'));
      byScenario.computeIfAbsent(scenario, s -> new TreeSet<>()).add(file);
    }
    assertTrue(byScenario.size() >= minimumScenarios, "scenarios: " + byScenario.keySet());
    for (Map.Entry<String, Set<String>> scenario : byScenario.entrySet()) {
      String name = scenario.getKey();
      assertEquals(
          Set.of(name + ".json", name + ".properties"),
          scenario.getValue(),
          name + ": one .properties and one .json");
      assertEquals(
          new TreeMap<>(load(dir.resolve(name + ".properties"))),
          new TreeMap<>(load(dir.resolve(name + ".json"))),
          name + ": same settings");
    }
  }

  /**
   * The plugin archive this module built (named by plugin-parent's Failsafe config) ships exactly
   * the examples in its {@code etc/}, byte for byte: the assembly copies them at package time.
   */
  public static void assertShippedInModuleArchive(Path examples, String artifactId) {
    String archive = System.getProperty(EmbeddedConnect.ARCHIVE_DIR_PROPERTY);
    assertNotNull(archive, EmbeddedConnect.ARCHIVE_DIR_PROPERTY + " is not set (run via Failsafe)");
    Path etc = Path.of(archive, artifactId, "etc");
    List<String> originals = fileNames(examples);
    assertEquals(originals, fileNames(etc), etc + " must hold exactly the files of " + examples);
    for (String file : originals) {
      try {
        assertEquals(
            -1L,
            Files.mismatch(examples.resolve(file), etc.resolve(file)),
            etc.resolve(file) + " differs from " + examples.resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static List<String> fileNames(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files.map(path -> path.getFileName().toString()).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(dir.toString(), e);
    }
  }
}
