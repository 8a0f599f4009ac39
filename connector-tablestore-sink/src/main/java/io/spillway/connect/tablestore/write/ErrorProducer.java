package io.spillway.connect.tablestore.write;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer settings of runtime.error.mode=kafka: our defaults, then the user's {@code
 * runtime.error.producer.*} passthrough (security, timeouts, sizes), then what durability needs and
 * the user may not change (acks=all, idempotence, byte serializers).
 */
public final class ErrorProducer {
  /** Room for any record its source topic accepted; the error topic must accept it too. */
  static final int MAX_REQUEST_SIZE_DEFAULT = 16 * 1024 * 1024;

  private static final ConfigDef PRODUCER_DEF = ProducerConfig.configDef();

  /** Settings the user may repeat but not change, with the values that mean the same. */
  private static final Map<String, Set<String>> DURABLE =
      Map.of(
          ProducerConfig.ACKS_CONFIG,
          new LinkedHashSet<>(List.of("all", "-1")),
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          Set.of("true"));

  private ErrorProducer() {}

  public static Map<String, Object> properties(AbstractConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getString(ErrorConfig.BOOTSTRAP_SERVERS));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE_DEFAULT);
    // A send that cannot even find the topic gives up soon and is retried per max.retries.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    props.putAll(passthrough(config));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Class objects, not names: they resolve in this plugin's class loader.
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  /** The first problem of the producer settings, on the key to fix; empty when they work. */
  static Optional<Map.Entry<String, String>> problem(AbstractConfig config) {
    Map<String, Object> passthrough = passthrough(config);
    for (Map.Entry<String, Set<String>> fixed : DURABLE.entrySet()) {
      Object value = passthrough.get(fixed.getKey());
      if (value != null
          && !fixed.getValue().contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(
            Map.entry(
                ErrorConfig.PRODUCER_PREFIX + fixed.getKey(),
                "error reports must be durable: the error producer always uses "
                    + fixed.getKey()
                    + "="
                    + fixed.getValue().iterator().next()));
      }
    }
    try {
      new ProducerConfig(properties(config, "validate"));
      return Optional.empty();
    } catch (ConfigException e) {
      String key = e.getMessage();
      for (String name : passthrough.keySet()) {
        if (key != null && key.contains(name)) {
          return Optional.of(Map.entry(ErrorConfig.PRODUCER_PREFIX + name, e.getMessage()));
        }
      }
      return Optional.of(Map.entry(ErrorConfig.BOOTSTRAP_SERVERS, e.getMessage()));
    }
  }

  /**
   * Passthrough values arrive as text; secrets among them (sasl.jaas.config, ssl.key.password...)
   * are wrapped in {@link Password} so that printing the settings hides them.
   */
  private static Map<String, Object> passthrough(AbstractConfig config) {
    Map<String, Object> values =
        new HashMap<>(config.originalsWithPrefix(ErrorConfig.PRODUCER_PREFIX));
    values.replaceAll(
        (key, value) -> {
          ConfigDef.ConfigKey known = PRODUCER_DEF.configKeys().get(key);
          boolean secret = known != null && known.type == ConfigDef.Type.PASSWORD;
          return secret && value instanceof String text ? new Password(text) : value;
        });
    return values;
  }
}
