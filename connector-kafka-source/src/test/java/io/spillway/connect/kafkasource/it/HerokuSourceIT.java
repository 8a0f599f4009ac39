package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.kafkasource.testing.SslSourceCluster;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Heroku path end to end: a source cluster with an SSL listener that requires client
 * certificates (PEM, a chain of two CA certificates, a PKCS#1 client key), configured only with the
 * values a Heroku app has in KAFKA_URL, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT(_KEY), KAFKA_PREFIX.
 */
class HerokuSourceIT {

  @Test
  void replicatesAPrefixedTopicOverMutualTls() {
    try (SslSourceCluster heroku = SslSourceCluster.start();
        EmbeddedConnect connect = EmbeddedConnect.builder().workers(1).start()) {
      heroku.createTopic("wiry-1234.orders", 2);
      for (int i = 0; i < 10; i++) {
        heroku.produce("wiry-1234.orders", i % 2, "order-" + i, "{\"id\":" + i + ",\"total\":9.5}");
      }
      Map<String, String> config =
          Destination.config(
              "heroku.kafka.url",
              heroku.herokuUrl(),
              "heroku.trusted.cert",
              heroku.trustedCert(),
              "heroku.client.cert",
              heroku.clientCert(),
              "heroku.client.cert.key",
              heroku.clientCertKey(),
              "heroku.prefix",
              "wiry-1234.",
              "source.ssl.endpoint.identification.algorithm",
              "",
              "topics",
              "orders",
              "flatten.mode",
              "unpacked");
      config.put("name", "heroku-source");
      ConnectorValidation validation =
          connect.validate(KafkaSourceConnector.class.getName(), config);
      assertEquals(0, validation.errorCount(), validation.errors().toString());

      connect.configureConnector("heroku-source", config);
      List<JsonNode> rows = Destination.rows(connect, "orders", 10);
      assertEquals(10, rows.size(), "the destination table drops the Heroku prefix");
      for (JsonNode row : rows) {
        long id = row.get("value_id").asLong();
        assertEquals(id % 2, row.get("partition").asInt());
        assertEquals(id / 2, row.get("offset").asLong());
        assertEquals("order-" + id, row.get("key").asText());
        assertEquals(9.5, row.get("value_total").asDouble());
      }
    }
  }

  @Test
  void validateNamesTheBrokenHerokuSetting() {
    try (EmbeddedConnect connect = EmbeddedConnect.builder().workers(1).start()) {
      Map<String, String> config =
          Destination.config(
              "heroku.kafka.url", "https://wrong-scheme:9096",
              "topics", "orders");
      config.put("name", "broken-heroku");
      ConnectorValidation validation =
          connect.validate(KafkaSourceConnector.class.getName(), config);
      assertEquals(1, validation.errorCount(), validation.errors().toString());
      assertEquals(true, validation.mentions("heroku.kafka.url"), validation.errors().toString());
    }
  }
}
