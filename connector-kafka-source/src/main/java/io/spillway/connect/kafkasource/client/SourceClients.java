package io.spillway.connect.kafkasource.client;

import io.spillway.connect.kafkasource.KafkaSourceConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Consumer and admin client settings for the source cluster. */
public final class SourceClients {
  private SourceClients() {}

  public static Map<String, Object> consumerProperties(KafkaSourceConfig config, String clientId) {
    Map<String, Object> props = common(config, clientId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(config.consumerOverrides());
    return props;
  }

  public static Map<String, Object> adminProperties(KafkaSourceConfig config, String clientId) {
    Map<String, Object> props = common(config, clientId);
    props.putAll(config.adminOverrides());
    return props;
  }

  private static Map<String, Object> common(KafkaSourceConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return props;
  }
}
