package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.testkit.ConfigExamplesCheck;
import io.spillway.connect.testkit.TestCertificates;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The Kafka source examples of {@code config-examples/kafka-source}, as every connector's, with a
 * Heroku-style kafka+ssl URL and PEM certificates and key made for the run.
 *
 * <p>The source hosts are never contacted: the test switches validate's connection check off
 * ({@code source.connection.check.ms=0}), so validate checks the settings only. Heroku URLs name
 * TEST-NET-1 addresses (192.0.2.0/24), which route nowhere.
 */
class ConfigExamplesIT extends ConfigExamplesCheck {
  ConfigExamplesIT() {
    super("kafka-source", KafkaSourceConnector.class.getName(), "connector-kafka-source", 3);
  }

  @Override
  protected Map<String, String> environment() throws Exception {
    TestCertificates certs = TestCertificates.generate();
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    return Map.of(
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
  }

  @Override
  protected void beforeValidate(Map<String, String> config) {
    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");
  }

  /**
   * The Heroku values must become client settings (URL parsed, certificates and key read, key
   * matched to certificate), still without any connection.
   */
  @Override
  protected void afterValidate(String file, Map<String, String> config) {
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
                  consumer.get("group.id").toString().startsWith(env().get("KAFKA_PREFIX"))));
    }
  }
}
