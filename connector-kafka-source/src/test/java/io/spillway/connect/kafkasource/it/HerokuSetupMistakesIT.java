package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.testing.SslSourceCluster;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.TestCertificates;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a new user gets wrong setting up a Heroku source, against a broker that requires client
 * certificates: each mistake gives one line naming the setting to fix, in {@code validate}, in the
 * 400 answer to {@code POST /connectors}, and (with validate's connection check off) on the FAILED
 * connector's status; and no failure leaves a client reconnecting to the source, counted by the
 * broker's own accepted-connection metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HerokuSetupMistakesIT {
  private static final String PREFIX = "wiry-1234.";

  /** A leaked client reconnects at least once a second (reconnect.backoff.max.ms=1000). */
  private static final Duration QUIET = Duration.ofSeconds(4);

  private static final String UNTRUSTED =
      "heroku.trusted.cert: the source cluster's certificate does not chain to the trusted"
          + " certificates (untrusted certificate chain); set it to the app's current"
          + " KAFKA_TRUSTED_CERT";

  private SslSourceCluster heroku;
  private EmbeddedConnect connect;
  private TestCertificates stranger;

  @BeforeAll
  void start() {
    stranger = TestCertificates.generate();
    heroku = SslSourceCluster.start();
    heroku.createTopic(PREFIX + "orders", 2);
    heroku.produce(PREFIX + "orders", 0, "order-1", "{\"id\":1}");
    connect =
        EmbeddedConnect.builder()
            .workers(1)
            .workerProp("config.providers", "env")
            .workerProp(
                "config.providers.env.class",
                "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
            .start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
    if (heroku != null) {
      heroku.close();
    }
  }

  @Test
  void untrustedChainIsNamedEverywhereAndAFailedStartLeavesNoClientBehind() {
    Map<String, String> config = herokuConfig();
    config.put(KafkaSourceConfig.HEROKU_TRUSTED_CERT, stranger.caChainPem());
    long beforeValidate = heroku.connectionsAccepted();
    SetupErrors.assertOnlyError(connect, config, "heroku.trusted.cert", UNTRUSTED);
    assertTrue(heroku.connectionsAccepted() > beforeValidate, "validate tried the source");
    SetupErrors.assertRejected(connect, "untrusted", config, UNTRUSTED);
    assertNoConnectionAttempts("after validate and a rejected POST");

    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");
    assertFailedStart("untrusted", config, UNTRUSTED);
  }

  @Test
  void hostNameMismatchNamesEndpointIdentification() {
    Map<String, String> config = herokuConfig();
    // The broker certificate names localhost only; 127.0.0.1 is the same broker by another name.
    config.put(KafkaSourceConfig.HEROKU_URL, heroku.herokuUrl().replace("localhost", "127.0.0.1"));
    config.remove(KafkaSourceConfig.ENDPOINT_IDENTIFICATION);
    String expected =
        "source.ssl.endpoint.identification.algorithm: the broker certificate does not name the"
            + " host connected to (No subject alternative names matching IP address 127.0.0.1"
            + " found); connect by a name the certificate holds, or set this to an empty value, as"
            + " for Heroku's brokers, whose certificates name no host";
    SetupErrors.assertOnlyError(
        connect, config, "source.ssl.endpoint.identification.algorithm", expected);
    SetupErrors.assertRejected(connect, "host-mismatch", config, expected);
    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");
    assertFailedStart("host-mismatch", config, expected);
  }

  @Test
  void clientCertificateFromAnotherCaIsRefused() {
    Map<String, String> config = herokuConfig();
    config.put(KafkaSourceConfig.HEROKU_CLIENT_CERT, stranger.clientCertPem());
    config.put(KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY, stranger.clientKeyPkcs1Pem());
    // The broker's TLS stack answers a certificate from an unknown CA with certificate_unknown.
    String expected = refusedClientCertificate("certificate_unknown");
    SetupErrors.assertOnlyError(connect, config, "heroku.client.cert", expected);
    SetupErrors.assertRejected(connect, "stranger-cert", config, expected);
  }

  @Test
  void missingClientCertificateIsRefused() {
    Map<String, String> config = herokuConfig();
    config.remove(KafkaSourceConfig.HEROKU_CLIENT_CERT);
    config.remove(KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY);
    SetupErrors.assertOnlyError(
        connect, config, "heroku.client.cert", refusedClientCertificate("bad_certificate"));
  }

  @Test
  void unknownHostNamesTheUrl() {
    Map<String, String> config = herokuConfig();
    config.put(KafkaSourceConfig.HEROKU_URL, "kafka+ssl://no-such-broker.invalid:9096");
    String expected =
        "heroku.kafka.url: no host of heroku.kafka.url is known to DNS; check the host names";
    SetupErrors.assertOnlyError(connect, config, "heroku.kafka.url", expected);
    SetupErrors.assertRejected(connect, "unknown-host", config, expected);
    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");
    assertFailedStart("unknown-host", config, expected);
  }

  @Test
  void keyWithoutItsEndLineSaysItIsCutShort() {
    Map<String, String> config = herokuConfig();
    String key = heroku.clientCertKey();
    config.put(KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY, key.substring(0, key.indexOf("-----END")));
    String expected =
        "heroku.client.cert.key: PEM block 1 (RSA PRIVATE KEY) has no '-----END RSA PRIVATE"
            + " KEY-----' line: the value is cut short; copy the whole value, END line included";
    SetupErrors.assertOnlyError(connect, config, "heroku.client.cert.key", expected);
    SetupErrors.assertRejected(connect, "cut-key", config, expected);
  }

  @Test
  void anUnsetEnvironmentVariableIsAnError() {
    Map<String, String> config = herokuConfig();
    config.put(KafkaSourceConfig.HEROKU_PREFIX, "${env:SPILLWAY_IT_UNSET_KAFKA_PREFIX}");
    String expected =
        "heroku.prefix: still reads ${env:SPILLWAY_IT_UNSET_KAFKA_PREFIX} after the worker's config"
            + " providers ran: the variable is not set where the worker runs, or the worker's"
            + " config.providers do not declare that provider";
    SetupErrors.assertOnlyError(connect, config, "heroku.prefix", expected);
    SetupErrors.assertRejected(connect, "unset-variable", config, expected);
  }

  @Test
  void topicsOfWhichNoneExistsAreAnError() {
    Map<String, String> config = herokuConfig();
    config.put(KafkaSourceConfig.TOPICS, "order");
    String expected =
        "topics: none of [order] exists on the source cluster with the prefix 'wiry-1234.'";
    SetupErrors.assertOnlyError(connect, config, "topics", expected);
    SetupErrors.assertRejected(connect, "no-topic", config, expected);
    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");
    assertFailedStart("no-topic", config, expected);

    Map<String, String> unprefixed = herokuConfig();
    unprefixed.put(KafkaSourceConfig.HEROKU_PREFIX, "");
    SetupErrors.assertOnlyError(
        connect,
        unprefixed,
        "topics",
        "topics: none of [orders] exists on the source cluster; it has [wiry-1234.orders]: is"
            + " heroku.prefix (the app's KAFKA_PREFIX) right?");
  }

  @Test
  void topicsThatVanishLaterFailTheConnectorAndDeleteClosesEveryClient() {
    heroku.createTopic(PREFIX + "vanishing", 1);
    heroku.produce(PREFIX + "vanishing", 0, "k", "{\"id\":1}");
    long openBefore = heroku.connectionsOpen();
    Map<String, String> config = herokuConfig();
    config.put(KafkaSourceConfig.TOPICS, "vanishing");
    connect.createConnector("vanishing", config);
    connect.awaitConnectorRunning("vanishing", 1);
    assertEquals(1, Destination.rows(connect, "vanishing", 1).size());

    heroku.deleteTopic(PREFIX + "vanishing");
    assertEquals(
        "org.apache.kafka.connect.errors.ConnectException: topics: none of [vanishing] exists on"
            + " the source cluster with the prefix 'wiry-1234.'",
        SetupErrors.failure(connect, "vanishing"));

    connect.deleteConnector("vanishing");
    Await.until(
        Duration.ofSeconds(30),
        "the connector's and the task's connections closed",
        () -> heroku.connectionsOpen() <= openBefore);
    assertNoConnectionAttempts("after deleting a running connector");
  }

  private Map<String, String> herokuConfig() {
    Map<String, String> config =
        Destination.config(
            "heroku.kafka.url", heroku.herokuUrl(),
            "heroku.trusted.cert", heroku.trustedCert(),
            "heroku.client.cert", heroku.clientCert(),
            "heroku.client.cert.key", heroku.clientCertKey(),
            "heroku.prefix", PREFIX,
            "source.ssl.endpoint.identification.algorithm", "",
            "topics", "orders");
    config.put("tasks.max", "1");
    return config;
  }

  private static String refusedClientCertificate(String alert) {
    return "heroku.client.cert: the source cluster refused the client certificate (TLS alert "
        + alert
        + "); set heroku.client.cert and heroku.client.cert.key to the app's"
        + " KAFKA_CLIENT_CERT and KAFKA_CLIENT_CERT_KEY";
  }

  /** Created without the connection check, the connector FAILS with the message, then cleans up. */
  private void assertFailedStart(String name, Map<String, String> config, String message) {
    connect.createConnector(name, config);
    assertEquals(
        "org.apache.kafka.connect.errors.ConnectException: " + message,
        SetupErrors.failure(connect, name));
    assertNoConnectionAttempts("after the failed start of " + name);
    connect.deleteConnector(name);
    assertNoConnectionAttempts("after deleting " + name);
  }

  /** No connection reaches the source for a while: no client was left reconnecting. */
  private void assertNoConnectionAttempts(String when) {
    long before = heroku.connectionsAccepted();
    try {
      Thread.sleep(QUIET.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertEquals(before, heroku.connectionsAccepted(), "connections to the source cluster " + when);
  }
}
