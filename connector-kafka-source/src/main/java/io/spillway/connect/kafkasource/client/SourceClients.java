package io.spillway.connect.kafkasource.client;

import io.spillway.connect.kafkasource.KafkaSourceConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Settings of the consumer and admin client that talk to the source cluster. Order matters: our
 * settings first, then the {@code source.consumer.} / {@code source.admin.} passthrough, which
 * always wins so that users can work around anything we chose.
 */
public final class SourceClients {
  /** Multi-tenant Heroku plans only allow group ids that start with the app's KAFKA_PREFIX. */
  static final String GROUP_PREFIX = "spillway-";

  private static final ConfigDef CONSUMER_DEF = ConsumerConfig.configDef();
  private static final ConfigDef ADMIN_DEF = AdminClientConfig.configDef();

  private SourceClients() {}

  public static Map<String, Object> consumerProperties(KafkaSourceConfig config, String clientId) {
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
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.herokuPrefix() + GROUP_PREFIX + clientId);
    props.putAll(overrides(config.consumerOverrides(), CONSUMER_DEF));
    return props;
  }

  public static Map<String, Object> adminProperties(KafkaSourceConfig config, String clientId) {
    Map<String, Object> props = common(config, clientId);
    props.putAll(overrides(config.adminOverrides(), ADMIN_DEF));
    return props;
  }

  private static Map<String, Object> common(KafkaSourceConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    String herokuUrl = config.herokuUrl();
    if (herokuUrl.isEmpty()) {
      props.put(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
          String.join(",", config.bootstrapServers()).replace(" ", ""));
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
    } else {
      props.put(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, HerokuKafka.bootstrapServers(herokuUrl));
      props.put(
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          HerokuKafka.usesSsl(herokuUrl) ? "SSL" : "PLAINTEXT");
    }
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    props.put(
        SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG,
        config.endpointIdentificationAlgorithm());
    props.putAll(
        HerokuKafka.sslProperties(
            config.herokuTrustedCert(),
            config.herokuClientCert(),
            config.herokuClientCertKey().value()));
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
