package io.spillway.connect.common.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Settings of the consumer, admin client and producer that talk to one cluster of a {@link
 * ClusterConfig}. Order matters: our settings first, then the passthrough ({@code
 * source.consumer.}, {@code source.admin.}, ...), which always wins so that users can work around
 * anything we chose.
 */
public final class ClusterClients {
  /** Multi-tenant Heroku plans only allow group ids that start with the app's KAFKA_PREFIX. */
  static final String GROUP_PREFIX = "spillway-";

  private static final ConfigDef CONSUMER_DEF = ConsumerConfig.configDef();
  private static final ConfigDef ADMIN_DEF = AdminClientConfig.configDef();
  private static final ConfigDef PRODUCER_DEF = ProducerConfig.configDef();

  private ClusterClients() {}

  /**
   * A consumer that reads by {@code assign} and {@code seek} from positions kept elsewhere (in
   * Connect's offset storage), committed transactions only.
   */
  public static Map<String, Object> consumerProperties(ClusterConfig config, String clientId) {
    Map<String, Object> props = common(config, clientId);
    // Class objects, not names: they resolve in this plugin's class loader.
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Positions live in Connect's offset storage; the task assigns and seeks every partition
    // itself, so a missing position must fail loudly instead of silently resetting.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // Aborted transactions on the source must not be replicated.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Never committed to; set because Heroku's multi-tenant ACLs check the prefix on group ids.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.topicPrefix() + GROUP_PREFIX + clientId);
    props.putAll(overrides(config.consumerOverrides(), CONSUMER_DEF));
    return props;
  }

  public static Map<String, Object> adminProperties(ClusterConfig config, String clientId) {
    Map<String, Object> props = common(config, clientId);
    props.putAll(overrides(config.adminOverrides(), ADMIN_DEF));
    return props;
  }

  /** A producer of raw bytes, for a sink that writes to the cluster. */
  public static Map<String, Object> producerProperties(ClusterConfig config, String clientId) {
    Map<String, Object> props = common(config, clientId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.putAll(overrides(config.producerOverrides(), PRODUCER_DEF));
    return props;
  }

  private static Map<String, Object> common(ClusterConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    ClusterKeys keys = config.keys();
    String herokuUrl = config.herokuUrl();
    if (herokuUrl.isEmpty()) {
      props.put(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
          String.join(",", config.bootstrapServers()).replace(" ", ""));
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
    } else {
      props.put(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
          HerokuKafka.bootstrapServers(keys, herokuUrl));
      props.put(
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          HerokuKafka.usesSsl(keys, herokuUrl) ? "SSL" : "PLAINTEXT");
    }
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    props.put(
        SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG,
        config.endpointIdentificationAlgorithm());
    props.putAll(
        HerokuKafka.sslProperties(
            keys, config.herokuTrustedCert(), config.herokuClientCert(), config.herokuClientKey()));
    return props;
  }

  /**
   * Passthrough values arrive as plain strings; secrets among them (ssl.keystore.key,
   * sasl.jaas.config, ...) are wrapped in {@link Password} so that printing the settings hides
   * them.
   */
  private static Map<String, Object> overrides(Map<String, Object> overrides, ConfigDef def) {
    Map<String, Object> wrapped = new HashMap<>(overrides);
    wrapped.replaceAll(
        (key, value) -> {
          ConfigDef.ConfigKey configKey = def.configKeys().get(key);
          boolean secret = configKey != null && configKey.type == ConfigDef.Type.PASSWORD;
          return secret && value instanceof String text ? new Password(text) : value;
        });
    return wrapped;
  }
}
