package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.testkit.ConfigExamples;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * <p>The source hosts are never contacted: the test switches validate's connection check off
 * ({@code source.connection.check.ms=0}), so validate checks the settings only. Heroku URLs name
 * TEST-NET-1 addresses (192.0.2.0/24), which route nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigExamplesIT {
  /** Failsafe runs in the module directory; the examples live next to it at the repo root. */
  static final Path EXAMPLES = Path.of("..", "config-examples", "kafka-source");

  static final Path DISTRIBUTED_WORKER =
      Path.of("..", "config-examples", "workers", "connect-distributed.properties");

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
            "spillway-connect:" + HexFormat.of().formatHex(secret, 0, 8),
            "SPILLWAY_SOURCE_BOOTSTRAP",
            "kafka-1.example.com:9092,kafka-2.example.com:9092");

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
    connect = EmbeddedConnect.builder().workers(1).workerProps(providers).start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  /** Every example file of config-examples/kafka-source, by name. */
  static List<String> examples() {
    return ConfigExamples.files(EXAMPLES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesWithoutErrors(String file) {
    Map<String, String> config =
        ConfigExamples.resolve(ConfigExamples.load(EXAMPLES.resolve(file)), environment);
    assertEquals(
        KafkaSourceConnector.class.getName(),
        config.get("connector.class"),
        file + ": connector.class");
    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");

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
    Map<String, Object> admin = ClusterClients.adminProperties(parsed.cluster(), "config-examples");
    Map<String, Object> consumer =
        ClusterClients.consumerProperties(parsed.cluster(), "config-examples");
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
  void propertiesAndJsonOfEachScenarioHoldTheSameSettings() {
    ConfigExamples.assertScenarioPairs(EXAMPLES, 3);
  }

  @Test
  void pluginArchiveShipsTheExamplesInEtc() {
    ConfigExamples.assertShippedInModuleArchive(EXAMPLES, "connector-kafka-source");
  }

  @Test
  void everyPlaceholderNamesAnEnvironmentVariableTheTestKnows() {
    assertEquals(
        new TreeSet<>(environment.keySet()),
        ConfigExamples.environmentVariables(EXAMPLES),
        "environment variables in examples");
  }
}
