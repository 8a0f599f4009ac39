package io.spillway.connect.kafkasource.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.testing.TestCertificates;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SourceClientsTest {
  private static final String URL = "kafka+ssl://b1.example:9096,kafka+ssl://b2.example:9096";
  private static TestCertificates certs;

  @BeforeAll
  static void generate() {
    certs = TestCertificates.generate();
  }

  @Test
  void herokuConsumer() {
    Map<String, String> props = heroku();
    props.put(KafkaSourceConfig.HEROKU_PREFIX, "wiry-1234.");
    props.put(KafkaSourceConfig.ENDPOINT_IDENTIFICATION, "");
    Map<String, Object> consumer =
        SourceClients.consumerProperties(new KafkaSourceConfig(props), "orders-0");

    assertEquals("b1.example:9096,b2.example:9096", consumer.get("bootstrap.servers"));
    assertEquals("SSL", consumer.get("security.protocol"));
    assertEquals("", consumer.get("ssl.endpoint.identification.algorithm"));
    assertEquals("PEM", consumer.get("ssl.truststore.type"));
    assertEquals("PEM", consumer.get("ssl.keystore.type"));
    assertInstanceOf(Password.class, consumer.get("ssl.keystore.key"));
    assertEquals(ByteArrayDeserializer.class, consumer.get("key.deserializer"));
    assertEquals(ByteArrayDeserializer.class, consumer.get("value.deserializer"));
    assertEquals(false, consumer.get("enable.auto.commit"));
    assertEquals("none", consumer.get("auto.offset.reset"));
    assertEquals("read_committed", consumer.get("isolation.level"));
    assertEquals("wiry-1234.spillway-orders-0", consumer.get("group.id"));
    assertEquals("orders-0", consumer.get("client.id"));
    // Every value has a type Kafka accepts.
    new ConsumerConfig(consumer);
  }

  @Test
  void herokuAdminHasNoConsumerSettings() {
    Map<String, Object> admin =
        SourceClients.adminProperties(new KafkaSourceConfig(heroku()), "orders-admin");
    assertEquals("SSL", admin.get("security.protocol"));
    assertEquals("https", admin.get("ssl.endpoint.identification.algorithm"));
    assertFalse(admin.containsKey("group.id"));
    assertFalse(admin.containsKey("key.deserializer"));
    assertTrue(
        AdminClientConfig.configNames().containsAll(admin.keySet()), admin.keySet().toString());
    new AdminClientConfig(admin);
  }

  @Test
  void plainClusterAndPlaintextHerokuUrl() {
    Map<String, String> props = new HashMap<>();
    props.put(KafkaSourceConfig.BOOTSTRAP_SERVERS, "k1:9092, k2:9092");
    props.put(KafkaSourceConfig.SECURITY_PROTOCOL, "sasl_ssl");
    props.put(KafkaSourceConfig.TOPICS, "t");
    Map<String, Object> consumer =
        SourceClients.consumerProperties(new KafkaSourceConfig(props), "c");
    assertEquals("k1:9092,k2:9092", consumer.get("bootstrap.servers"));
    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    assertFalse(consumer.containsKey("ssl.truststore.type"));
    assertEquals("spillway-c", consumer.get("group.id"));

    Map<String, String> plaintext = new HashMap<>();
    plaintext.put(KafkaSourceConfig.HEROKU_URL, "kafka://p1:9092");
    plaintext.put(KafkaSourceConfig.TOPICS, "t");
    Map<String, Object> admin =
        SourceClients.adminProperties(new KafkaSourceConfig(plaintext), "a");
    assertEquals("p1:9092", admin.get("bootstrap.servers"));
    assertEquals("PLAINTEXT", admin.get("security.protocol"));
  }

  @Test
  void passthroughWinsAndStaysWithItsClient() {
    Map<String, String> props = heroku();
    props.put("source.consumer.auto.offset.reset", "earliest");
    props.put("source.consumer.group.id", "custom");
    props.put("source.consumer.security.protocol", "SASL_SSL");
    props.put("source.consumer.ssl.endpoint.identification.algorithm", "");
    props.put("source.admin.request.timeout.ms", "12345");
    KafkaSourceConfig config = new KafkaSourceConfig(props);

    Map<String, Object> consumer = SourceClients.consumerProperties(config, "c");
    assertEquals("earliest", consumer.get("auto.offset.reset"));
    assertEquals("custom", consumer.get("group.id"));
    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    assertEquals("", consumer.get("ssl.endpoint.identification.algorithm"));
    assertFalse(consumer.containsKey("request.timeout.ms"));

    Map<String, Object> admin = SourceClients.adminProperties(config, "a");
    assertEquals("12345", admin.get("request.timeout.ms"));
    assertEquals("SSL", admin.get("security.protocol"));
    assertFalse(admin.containsKey("auto.offset.reset"));
  }

  @Test
  void secretsAreHiddenWhenPrinted() {
    Map<String, String> props = heroku();
    props.put(
        "source.consumer.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"PW-SECRET\";");
    KafkaSourceConfig config = new KafkaSourceConfig(props);
    Map<String, Object> consumer = SourceClients.consumerProperties(config, "c");

    String printed = consumer + " " + SourceClients.adminProperties(config, "a");
    assertInstanceOf(Password.class, consumer.get("sasl.jaas.config"));
    assertFalse(printed.contains("PW-SECRET"), printed);
    assertFalse(printed.contains(HerokuKafkaTest.line(certs.clientKeyPkcs1Pem())), printed);
    assertFalse(printed.contains(HerokuKafkaTest.line(certs.clientKeyPkcs8Pem())), printed);
  }

  @Test
  void badKeyFailsWithoutPrintingIt() {
    Map<String, String> props = heroku();
    String leaked = "MIIEKEYMATERIALTHATMUSTNOTLEAKAAAA";
    props.put(
        KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY,
        "-----BEGIN RSA PRIVATE KEY-----\n" + leaked + "\n-----END RSA PRIVATE KEY-----");
    // The config itself parses the key, so validate reports it before any client is built.
    ConfigException e = assertThrows(ConfigException.class, () -> new KafkaSourceConfig(props));
    assertTrue(e.getMessage().startsWith("heroku.client.cert.key"), e.getMessage());
    assertFalse(e.getMessage().contains("KEYMATERIAL"), e.getMessage());

    props.put(KafkaSourceConfig.HEROKU_URL, "kafka+ssl://user:PW-SECRET@b1:9096");
    ConfigException url =
        assertThrows(
            ConfigException.class,
            () -> SourceClients.adminProperties(new KafkaSourceConfig(props), "a"));
    assertFalse(url.getMessage().contains("PW-SECRET"), url.getMessage());
  }

  private static Map<String, String> heroku() {
    Map<String, String> props = new HashMap<>();
    props.put(KafkaSourceConfig.HEROKU_URL, URL);
    props.put(KafkaSourceConfig.HEROKU_TRUSTED_CERT, certs.caChainPem());
    props.put(KafkaSourceConfig.HEROKU_CLIENT_CERT, certs.clientCertPem());
    props.put(KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY, certs.clientKeyPkcs1Pem());
    props.put(KafkaSourceConfig.TOPICS, "orders");
    return props;
  }
}
