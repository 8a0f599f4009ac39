package io.spillway.connect.flinkupsert.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.flinkupsert.FlinkUpsertSinkConfig;
import io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector;
import io.spillway.connect.flinkupsert.config.FormatConfig;
import io.spillway.connect.flinkupsert.config.TargetConfig;
import io.spillway.connect.flinkupsert.format.avro.RegistryConfig;
import io.spillway.connect.testkit.ConfigExamplesCheck;
import io.spillway.connect.testkit.TestCertificates;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The examples of {@code config-examples/flink-upsert}, as every connector's. Target hosts are
 * never contacted: validate's target check is off ({@code target.connection.check.ms=0}); Heroku
 * URLs name TEST-NET-1 addresses, which route nowhere.
 */
class ConfigExamplesIT extends ConfigExamplesCheck {
  ConfigExamplesIT() {
    super("flink-upsert", FlinkUpsertSinkConnector.class.getName(), "connector-flink-upsert", 6);
  }

  @Override
  protected Map<String, String> environment() throws Exception {
    TestCertificates certs = TestCertificates.generate();
    return Map.of(
        "SPILLWAY_TARGET_BOOTSTRAP",
        "kafka-1.example.com:9092,kafka-2.example.com:9092",
        "KAFKA_URL",
        "kafka+ssl://ec2-192-0-2-10.compute-1.amazonaws.com:9096,"
            + "kafka+ssl://ec2-192-0-2-11.compute-1.amazonaws.com:9096",
        "KAFKA_TRUSTED_CERT",
        certs.caChainPem(),
        "KAFKA_CLIENT_CERT",
        certs.clientCertPem(),
        "KAFKA_CLIENT_CERT_KEY",
        certs.clientKeyPkcs1Pem(),
        "KAFKA_PREFIX",
        "wisteria-12345.",
        "SCHEMA_REGISTRY_USER_INFO",
        "flink-sink:registry-secret");
  }

  @Override
  protected void beforeValidate(Map<String, String> config) {
    config.put(TargetConfig.CLUSTER.connectionCheckMs(), "0");
  }

  /** A task's config starts from the example and yields producer settings for the target. */
  @Override
  protected void afterValidate(String file, Map<String, String> config) {
    FlinkUpsertSinkConfig parsed = new FlinkUpsertSinkConfig(config);
    if (FormatConfig.AVRO_CONFLUENT.equals(parsed.valueFormat())) {
      // The task's registry client gets the credentials the worker's env provider resolved.
      assertEquals(
          env().get("SCHEMA_REGISTRY_USER_INFO"),
          parsed.getPassword(RegistryConfig.USER_INFO).value(),
          file);
      RegistryConfig.client(parsed);
    }
    Map<String, Object> producer = ClusterClients.producerProperties(parsed.target(), "examples");
    assertEquals(
        String.join(",", parsed.target().bootstrapAddresses()),
        producer.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
        file);
  }
}
