package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.testing.SslSourceCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Heroku-style settings (KAFKA_URL, KAFKA_TRUSTED_CERT with two CAs, KAFKA_CLIENT_CERT and a PKCS#1
 * KAFKA_CLIENT_CERT_KEY) against a broker that requires client certificates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HerokuSslIT {
  private static final String TOPIC = "orders";
  private static final int RECORDS = 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private SslSourceCluster cluster;

  @BeforeAll
  void start() {
    long started = System.nanoTime();
    cluster = SslSourceCluster.start();
    long up = System.nanoTime();
    cluster.createTopic(TOPIC, 2);
    for (int i = 0; i < RECORDS; i++) {
      cluster.produce(TOPIC, i % 2, "k" + i, "v" + i);
    }
    System.out.printf(
        "SSL cluster (certificates included) up in %d ms; topic + %d records in %d ms%n",
        (up - started) / 1_000_000, RECORDS, (System.nanoTime() - up) / 1_000_000);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void readsWithHerokuSettingsAndNoEndpointIdentification() {
    Map<String, String> props = herokuConfig();
    // As in Heroku's client examples: its broker certificates name no host.
    props.put(KafkaSourceConfig.ENDPOINT_IDENTIFICATION, "");
    assertReadsAll(new KafkaSourceConfig(props));
  }

  @Test
  void readsWithEndpointIdentificationOn() {
    // Default https: works because the test broker's certificate names localhost.
    assertReadsAll(new KafkaSourceConfig(herokuConfig()));
  }

  @Test
  void readsWithConfigVarsThatLostTheirNewlines() {
    Map<String, String> props = herokuConfig();
    props.put(KafkaSourceConfig.HEROKU_TRUSTED_CERT, cluster.trustedCert().replace("\n", "\\n"));
    props.put(
        KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY, cluster.clientCertKey().replace("\n", "\r\n"));
    props.put(KafkaSourceConfig.ENDPOINT_IDENTIFICATION, "");
    assertReadsAll(new KafkaSourceConfig(props));
  }

  @Test
  void adminListsTopicsOverSsl() throws Exception {
    KafkaSourceConfig config = new KafkaSourceConfig(herokuConfig());
    try (Admin admin = Admin.create(ClusterClients.adminProperties(config.cluster(), "it-admin"))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertTrue(topics.contains(TOPIC), "topics: " + topics);
    }
  }

  @Test
  void clientWithoutCertificateIsRefused() {
    Map<String, String> props = herokuConfig();
    props.remove(KafkaSourceConfig.HEROKU_CLIENT_CERT);
    props.remove(KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY);
    KafkaSourceConfig config = new KafkaSourceConfig(props);

    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(ClusterClients.consumerProperties(config.cluster(), "it-no-cert"))) {
      assertThrows(SslAuthenticationException.class, () -> consumer.partitionsFor(TOPIC, TIMEOUT));
    }
    try (Admin admin =
        Admin.create(ClusterClients.adminProperties(config.cluster(), "it-no-cert-admin"))) {
      ExecutionException failure =
          assertThrows(
              ExecutionException.class, () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
      assertTrue(
          failure.getCause() instanceof SslAuthenticationException
              && failure.getCause().getCause() instanceof SSLHandshakeException,
          "expected an SSL handshake failure, got " + failure.getCause());
    }
  }

  private Map<String, String> herokuConfig() {
    Map<String, String> props = new HashMap<>();
    props.put(KafkaSourceConfig.HEROKU_URL, cluster.herokuUrl());
    props.put(KafkaSourceConfig.HEROKU_TRUSTED_CERT, cluster.trustedCert());
    props.put(KafkaSourceConfig.HEROKU_CLIENT_CERT, cluster.clientCert());
    props.put(KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY, cluster.clientCertKey());
    props.put(KafkaSourceConfig.TOPICS, TOPIC);
    return props;
  }

  /** Assigns both partitions and seeks to the start, as the task does (auto.offset.reset=none). */
  private void assertReadsAll(KafkaSourceConfig config) {
    Map<String, Object> props = ClusterClients.consumerProperties(config.cluster(), "it-reader");
    assertTrue(cluster.clientCertKey().contains("BEGIN RSA PRIVATE KEY"), "PKCS#1 as on Heroku");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC, TIMEOUT).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      assertEquals(2, partitions.size());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (values.size() < RECORDS && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
      }
    }
    assertEquals(RECORDS, values.size(), "values: " + values);
    for (int i = 0; i < RECORDS; i++) {
      assertTrue(values.contains("v" + i), "missing v" + i + " in " + values);
    }
    String printed = props.toString();
    assertFalse(printed.contains(body(cluster.clientCertKey())), "PKCS#1 key printed");
    assertFalse(
        printed.contains(body(cluster.certificates().clientKeyPkcs8Pem())), "PKCS#8 key printed");
  }

  /** A line from the middle of a PEM body: present in any printout of the key. */
  private static String body(String pem) {
    return pem.split("\n")[3];
  }
}
