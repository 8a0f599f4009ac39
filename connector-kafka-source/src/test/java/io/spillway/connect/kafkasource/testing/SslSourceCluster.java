package io.spillway.connect.kafkasource.testing;

import io.spillway.connect.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-JVM KRaft broker whose client listener speaks TLS with PEM keystore and truststore and
 * demands a client certificate, as Heroku Kafka does.
 *
 * <p>Built on {@link KafkaClusterTestKit} rather than Connect's {@code EmbeddedKafkaCluster}: the
 * latter's own clients (used by its start-up check) copy {@code ssl.truststore.location} and cast
 * {@code ssl.truststore.password} from the broker settings, which a PEM truststore cannot have. The
 * test kit only supports PLAINTEXT/SASL_PLAINTEXT listeners through its builder, but it keeps a
 * given {@code listener.security.protocol.map}, so the broker listener is mapped to SSL there.
 */
public final class SslSourceCluster implements AutoCloseable {
  private final TestCertificates certificates;
  private final KafkaClusterTestKit cluster;
  private KafkaProducer<byte[], byte[]> producer;

  private SslSourceCluster(TestCertificates certificates, KafkaClusterTestKit cluster) {
    this.certificates = certificates;
    this.cluster = cluster;
  }

  public static SslSourceCluster start() {
    return start(TestCertificates.generate());
  }

  public static SslSourceCluster start(TestCertificates certificates) {
    return start(certificates, Map.of());
  }

  /**
   * A broker that authorizes with ACLs, as Heroku's multi-tenant plans do: the broker, the
   * controller listener and the test's own client certificate are super users, any other client
   * identity ({@link TestCertificates#issueClient}) may do only what ACLs allow.
   */
  public static SslSourceCluster startWithAcls(TestCertificates certificates) {
    return start(
        certificates,
        Map.of(
            "authorizer.class.name",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users",
            "User:ANONYMOUS;User:"
                + certificates.broker().certificate().getSubjectX500Principal().getName()
                + ";User:"
                + certificates.client().certificate().getSubjectX500Principal().getName()));
  }

  private static SslSourceCluster start(
      TestCertificates certificates, Map<String, Object> extraBrokerProps) {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    brokerProperties(nodes, certificates).forEach(builder::setConfigProp);
    extraBrokerProps.forEach(builder::setConfigProp);
    KafkaClusterTestKit cluster = null;
    try {
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new SslSourceCluster(certificates, cluster);
    } catch (Exception e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new IllegalStateException("SSL Kafka cluster did not start", e);
    }
  }

  /** The broker settings on top of the test kit's defaults; public so reports can print them. */
  public static Map<String, Object> brokerProperties(
      TestKitNodes nodes, TestCertificates certificates) {
    Map<String, Object> props = new HashMap<>();
    props.put(
        "listener.security.protocol.map",
        nodes.brokerListenerName().value()
            + ":SSL,"
            + nodes.controllerListenerName().value()
            + ":PLAINTEXT");
    props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, certificates.brokerChainPem());
    props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, certificates.brokerKeyPkcs8Pem());
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, certificates.caChainPem());
    props.put(BrokerSecurityConfigs.SSL_CLIENT_AUTH_CONFIG, "required");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    return props;
  }

  /** {@code localhost:port} of the SSL listener. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** KAFKA_URL as Heroku writes it. */
  public String herokuUrl() {
    return Arrays.stream(bootstrapServers().split(","))
        .map(address -> "kafka+ssl://" + address)
        .collect(Collectors.joining(","));
  }

  /** KAFKA_TRUSTED_CERT: root and intermediate CA. */
  public String trustedCert() {
    return certificates.caChainPem();
  }

  /** KAFKA_CLIENT_CERT. */
  public String clientCert() {
    return certificates.clientCertPem();
  }

  /** KAFKA_CLIENT_CERT_KEY, PKCS#1 as Heroku hands it out. */
  public String clientCertKey() {
    return certificates.clientKeyPkcs1Pem();
  }

  public TestCertificates certificates() {
    return certificates;
  }

  /**
   * Client settings for the test's own admin and producer, written out independently of the code
   * under test (PKCS#8 key, no Heroku parsing) so a bug there cannot hide itself.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, certificates.caChainPem());
    props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
    props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, certificates.clientCertPem());
    props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, certificates.clientKeyPkcs8Pem());
    return props;
  }

  public Admin admin() {
    return Admin.create(clientProperties());
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topic " + topic, e);
    }
  }

  /** Sends one record over SSL and waits for the broker's acknowledgement. */
  public synchronized RecordMetadata produce(
      String topic, Integer partition, String key, String value) {
    if (producer == null) {
      Map<String, Object> props = clientProperties();
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, partition, bytes(key), bytes(value));
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot produce to " + topic, e);
    }
  }

  public void deleteTopic(String topic) {
    try (Admin admin = admin()) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot delete topic " + topic, e);
    }
  }

  /**
   * Connections the broker's TLS client listener has accepted so far, handshakes that failed
   * included: what a client left reconnecting in the background makes grow.
   */
  public long connectionsAccepted() {
    return (long) listenerMetric("connection-creation-total");
  }

  /** Connections now open on the broker's TLS client listener. */
  public long connectionsOpen() {
    return (long) listenerMetric("connection-count");
  }

  private double listenerMetric(String name) {
    String listener = cluster.nodes().brokerListenerName().value();
    double sum = 0;
    for (BrokerServer broker : cluster.brokers().values()) {
      for (Map.Entry<MetricName, KafkaMetric> metric : broker.metrics().metrics().entrySet()) {
        MetricName metricName = metric.getKey();
        if (metricName.name().equals(name)
            && metricName.group().equals("socket-server-metrics")
            && listener.equals(metricName.tags().get("listener"))) {
          sum += ((Number) metric.getValue().metricValue()).doubleValue();
        }
      }
    }
    return sum;
  }

  /** Unchecked, so that try-with-resources in tests need not handle InterruptedException. */
  @Override
  public synchronized void close() {
    try {
      if (producer != null) {
        producer.close();
      }
      cluster.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping the SSL cluster", e);
    } catch (Exception e) {
      throw new IllegalStateException("SSL cluster did not stop cleanly", e);
    }
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
