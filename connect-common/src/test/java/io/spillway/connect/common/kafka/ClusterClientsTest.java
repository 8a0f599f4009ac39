package io.spillway.connect.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.config.ConfigKeyException;
import io.spillway.connect.testkit.TestCertificates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterClientsTest {
  private static final ClusterKeys SOURCE = ClusterKeys.SOURCE;
  private static final String URL = "kafka+ssl://b1.example:9096,kafka+ssl://b2.example:9096";
  private static TestCertificates certs;

  @BeforeAll
  static void generate() {
    certs = TestCertificates.generate();
  }

  @Test
  void herokuConsumer() {
    Map<String, String> props = heroku();
    props.put(SOURCE.herokuTopicPrefix(), "wiry-1234.");
    props.put(SOURCE.endpointIdentification(), "");
    Map<String, Object> consumer = ClusterClients.consumerProperties(config(props), "orders-0");

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
    Map<String, Object> admin = ClusterClients.adminProperties(config(heroku()), "orders-admin");
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
    props.put(SOURCE.bootstrapServers(), "k1:9092, k2:9092");
    props.put(SOURCE.securityProtocol(), "sasl_ssl");
    Map<String, Object> consumer = ClusterClients.consumerProperties(config(props), "c");
    assertEquals("k1:9092,k2:9092", consumer.get("bootstrap.servers"));
    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    assertFalse(consumer.containsKey("ssl.truststore.type"));
    assertEquals("spillway-c", consumer.get("group.id"));

    Map<String, String> plaintext = new HashMap<>();
    plaintext.put(SOURCE.herokuUrl(), "kafka://p1:9092");
    Map<String, Object> admin = ClusterClients.adminProperties(config(plaintext), "a");
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
    ClusterConfig config = config(props);

    Map<String, Object> consumer = ClusterClients.consumerProperties(config, "c");
    assertEquals("earliest", consumer.get("auto.offset.reset"));
    assertEquals("custom", consumer.get("group.id"));
    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    assertEquals("", consumer.get("ssl.endpoint.identification.algorithm"));
    assertFalse(consumer.containsKey("request.timeout.ms"));

    Map<String, Object> admin = ClusterClients.adminProperties(config, "a");
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
    ClusterConfig config = config(props);
    Map<String, Object> consumer = ClusterClients.consumerProperties(config, "c");

    String printed = consumer + " " + ClusterClients.adminProperties(config, "a");
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
        SOURCE.herokuClientCertKey(),
        "-----BEGIN RSA PRIVATE KEY-----\n" + leaked + "\n-----END RSA PRIVATE KEY-----");
    // The config's cross-field check parses the key, so validate reports it before any client.
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    config(props).addCrossFieldErrors(errors);
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(SOURCE.herokuClientCertKey(), errors.get(0).getKey());
    assertFalse(errors.get(0).getValue().contains("KEYMATERIAL"), errors.toString());
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ClusterClients.adminProperties(config(props), "a"));
    assertTrue(e.getMessage().startsWith("heroku.client.cert.key: "), e.getMessage());
    assertFalse(e.getMessage().contains("KEYMATERIAL"), e.getMessage());

    props.put(SOURCE.herokuUrl(), "kafka+ssl://user:PW-SECRET@b1:9096");
    ConfigException url =
        assertThrows(
            ConfigException.class, () -> ClusterClients.adminProperties(config(props), "a"));
    assertFalse(url.getMessage().contains("PW-SECRET"), url.getMessage());
  }

  @Test
  void aTargetClusterUsesItsOwnPrefixesInSettingsAndMessages() {
    ClusterKeys target =
        new ClusterKeys(
            "target.", "target.heroku.", "target cluster", "Target cluster", "Target Heroku");
    Map<String, String> props = new HashMap<>();
    props.put(target.herokuUrl(), URL);
    props.put(target.herokuTrustedCert(), certs.caChainPem());
    props.put(target.herokuClientCert(), certs.clientCertPem());
    props.put(target.herokuClientCertKey(), certs.clientKeyPkcs1Pem());
    props.put("target.producer.acks", "all");
    props.put("source.producer.acks", "0");
    Map<String, Object> producer =
        ClusterClients.producerProperties(config(target, props), "sink-0");
    assertEquals("b1.example:9096,b2.example:9096", producer.get("bootstrap.servers"));
    assertEquals("SSL", producer.get("security.protocol"));
    assertEquals("all", producer.get("acks"));
    assertInstanceOf(Password.class, producer.get("ssl.keystore.key"));
    new ProducerConfig(producer);

    props.put(target.herokuClientCertKey(), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n");
    ConfigKeyException e =
        assertThrows(
            ConfigKeyException.class,
            () -> ClusterClients.producerProperties(config(target, props), "sink-0"));
    assertEquals("target.heroku.client.cert.key", e.key());
    assertTrue(
        e.getMessage().startsWith("target.heroku.client.cert.key: PEM block 1"), e.getMessage());
  }

  static ClusterConfig config(Map<String, String> props) {
    return config(SOURCE, props);
  }

  static ClusterConfig config(ClusterKeys keys, Map<String, String> props) {
    ConfigDef def = ClusterConfig.define(new ConfigDef(), keys, 1, "prefix");
    return new ClusterConfig(new AbstractConfig(def, props), keys);
  }

  private static Map<String, String> heroku() {
    Map<String, String> props = new HashMap<>();
    props.put(SOURCE.herokuUrl(), URL);
    props.put(SOURCE.herokuTrustedCert(), certs.caChainPem());
    props.put(SOURCE.herokuClientCert(), certs.clientCertPem());
    props.put(SOURCE.herokuClientCertKey(), certs.clientKeyPkcs1Pem());
    return props;
  }
}
