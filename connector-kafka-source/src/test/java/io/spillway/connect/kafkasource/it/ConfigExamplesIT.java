package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.common.testkit.ConnectorValidation;
import io.spillway.connect.common.testkit.EmbeddedConnect;
import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.kafkasource.client.SourceClients;
import io.spillway.connect.kafkasource.testing.TestCertificates;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kafka source example of {@code config-examples/kafka-source} (both the standalone {@code
 * .properties} and the REST {@code .json}) validated by a real worker's {@code PUT
 * /connector-plugins/{class}/config/validate}, with its {@code ${env:NAME}} placeholders replaced
 * by realistic values: a Heroku-style kafka+ssl URL and PEM certificates and key made for the run.
 *
 * <p>The source hosts are never contacted: the connector's validate checks the settings only.
 * Heroku URLs name TEST-NET-1 addresses (192.0.2.0/24), which route nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigExamplesIT {
  /** Failsafe runs in the module directory; the examples live next to it at the repo root. */
  static final Path EXAMPLES = Path.of("..", "config-examples", "kafka-source");

  static final Path DISTRIBUTED_WORKER =
      Path.of("..", "config-examples", "workers", "connect-distributed.properties");

  /** The copies shipped in the plugin archive's etc/ folder. */
  static final Path ARCHIVE_ETC = Path.of("src", "main", "plugin", "etc");

  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([^}]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedConnect connect;
  private Map<String, String> environment;

  @BeforeAll
  void start() throws IOException {
    TestCertificates certs = TestCertificates.generate();
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[16];
    random.nextBytes(secret);
    environment =
        Map.of(
            "KAFKA_URL",
            "kafka+ssl://ec2-192-0-2-10.compute-1.amazonaws.com:9096,"
                + "kafka+ssl://ec2-192-0-2-11.compute-1.amazonaws.com:9096,"
                + "kafka+ssl://ec2-192-0-2-12.compute-1.amazonaws.com:9096",
            "KAFKA_TRUSTED_CERT",
            certs.caChainPem(),
            "KAFKA_CLIENT_CERT",
            certs.clientCertPem(),
            // As Heroku hands it out: PKCS#1, BEGIN RSA PRIVATE KEY.
            "KAFKA_CLIENT_CERT_KEY",
            certs.clientKeyPkcs1Pem(),
            "KAFKA_PREFIX",
            "wisteria-12345.",
            "SPILLWAY_HASH_SALT",
            HexFormat.of().formatHex(secret),
            "SCHEMA_REGISTRY_USER_INFO",
            "spillway-connect:" + HexFormat.of().formatHex(secret, 0, 8));

    // The worker gets the config providers of the example worker file, as a user's would.
    Map<String, String> providers = new HashMap<>();
    loadProperties(DISTRIBUTED_WORKER)
        .forEach(
            (key, value) -> {
              if (key.startsWith("config.providers")) {
                providers.put(key, value);
              }
            });
    assertFalse(providers.isEmpty(), "the worker example declares config providers");
    connect = EmbeddedConnect.builder().workers(1).workerProps(providers).start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  /** Every example file of config-examples/kafka-source, by name. */
  static List<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<String> names =
          files
              .map(path -> path.getFileName().toString())
              .filter(name -> name.endsWith(".properties") || name.endsWith(".json"))
              .sorted()
              .toList();
      assertFalse(names.isEmpty(), "no examples found in " + EXAMPLES.toAbsolutePath());
      return names;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesWithoutErrors(String file) {
    Map<String, String> config = resolve(load(EXAMPLES.resolve(file)));
    assertEquals(
        KafkaSourceConnector.class.getName(),
        config.get("connector.class"),
        file + ": connector.class");

    long started = System.nanoTime();
    ConnectorValidation validation = connect.validate(KafkaSourceConnector.class.getName(), config);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "%s: %d validation error(s) in %d ms%n", file, validation.errorCount(), millis);
    if (validation.errorCount() != 0 || !validation.errors().isEmpty()) {
      validation.errors().forEach(error -> System.out.println("  " + file + ": " + error));
      fail(
          file
              + ": the worker reported "
              + validation.errorCount()
              + " error(s):\n  "
              + String.join("\n  ", validation.errors()));
    }

    // What validate does not check: the Heroku values must become client settings (URL parsed,
    // certificates and key read, key matched to certificate), still without any connection.
    KafkaSourceConfig parsed = new KafkaSourceConfig(config);
    Map<String, Object> admin = SourceClients.adminProperties(parsed, "config-examples");
    Map<String, Object> consumer = SourceClients.consumerProperties(parsed, "config-examples");
    assertEquals(
        admin.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
        consumer.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    if (config.containsKey(KafkaSourceConfig.HEROKU_URL)) {
      assertAll(
          () ->
              assertEquals(
                  "ec2-192-0-2-10.compute-1.amazonaws.com:9096,"
                      + "ec2-192-0-2-11.compute-1.amazonaws.com:9096,"
                      + "ec2-192-0-2-12.compute-1.amazonaws.com:9096",
                  admin.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
          () -> assertEquals("SSL", admin.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)),
          () ->
              assertEquals("", admin.get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG)),
          () -> assertEquals("PEM", admin.get(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG)),
          () -> assertEquals("PEM", admin.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG)),
          () ->
              assertTrue(
                  consumer.get("group.id").toString().startsWith(environment.get("KAFKA_PREFIX"))));
    }
  }

  @Test
  void propertiesAndJsonOfEachScenarioHoldTheSameSettings() throws IOException {
    Map<String, Set<String>> byScenario = new TreeMap<>();
    for (String file : examples()) {
      String scenario = file.substring(0, file.lastIndexOf('.'));
      byScenario.computeIfAbsent(scenario, s -> new TreeSet<>()).add(file);
    }
    assertTrue(byScenario.size() >= 3, "scenarios: " + byScenario.keySet());
    for (Map.Entry<String, Set<String>> scenario : byScenario.entrySet()) {
      String name = scenario.getKey();
      assertEquals(
          Set.of(name + ".json", name + ".properties"),
          scenario.getValue(),
          name + ": one .properties and one .json");
      Map<String, String> properties = load(EXAMPLES.resolve(name + ".properties"));
      Map<String, String> json = load(EXAMPLES.resolve(name + ".json"));
      assertEquals(new TreeMap<>(properties), new TreeMap<>(json), name + ": same settings");
    }
  }

  @Test
  void pluginArchiveEtcCopiesAreByteIdentical() throws IOException {
    List<String> originals = fileNames(EXAMPLES);
    List<String> copies = fileNames(ARCHIVE_ETC);
    assertEquals(
        originals,
        copies,
        ARCHIVE_ETC + " must hold exactly the files of " + EXAMPLES + " (see its README)");
    for (String file : originals) {
      assertEquals(
          -1L,
          Files.mismatch(EXAMPLES.resolve(file), ARCHIVE_ETC.resolve(file)),
          ARCHIVE_ETC.resolve(file) + " differs from " + EXAMPLES.resolve(file));
    }
  }

  @Test
  void everyPlaceholderNamesAnEnvironmentVariableTheTestKnows() throws IOException {
    Set<String> used = new TreeSet<>();
    for (String file : examples()) {
      for (String value : load(EXAMPLES.resolve(file)).values()) {
        Matcher matcher = ENV_PLACEHOLDER.matcher(value);
        while (matcher.find()) {
          used.add(matcher.group(1));
        }
      }
    }
    assertEquals(new TreeSet<>(environment.keySet()), used, "environment variables in examples");
  }

  /** Replaces every {@code ${env:NAME}} as the worker's EnvVarConfigProvider would. */
  private Map<String, String> resolve(Map<String, String> config) {
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

  /**
   * A connector config from a standalone {@code .properties} file (name included) or a REST {@code
   * .json} body ({@code {"name": ..., "config": {...}}}, name moved into the config).
   */
  static Map<String, String> load(Path file) {
    if (file.toString().endsWith(".properties")) {
      return loadProperties(file);
    }
    try {
      JsonNode body = JSON.readTree(file.toFile());
      assertEquals(
          Set.of("name", "config"),
          fieldNames(body),
          file + ": a POST /connectors body has name and config");
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

  static Map<String, String> loadProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
    return properties.stringPropertyNames().stream()
        .collect(Collectors.toMap(key -> key, properties::getProperty));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files.map(path -> path.getFileName().toString()).sorted().toList());
    }
  }
}
