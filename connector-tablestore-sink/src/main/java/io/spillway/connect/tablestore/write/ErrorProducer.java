package io.spillway.connect.tablestore.write;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    for (String forced : new String[] {ProducerConfig.ACKS_CONFIG, "enable.idempotence"}) {
      Object value = passthrough.get(forced);
      String expected = forced.equals(ProducerConfig.ACKS_CONFIG) ? "all" : "true";
      if (value != null
          && !expected.equals(value.toString().trim().toLowerCase(Locale.ROOT))
          && !(forced.equals(ProducerConfig.ACKS_CONFIG) && "-1".equals(value.toString().trim()))) {
        return Optional.of(
            Map.entry(
                ErrorConfig.PRODUCER_PREFIX + forced,
                "error reports must be durable: the error producer always uses "
                    + forced
                    + "="
                    + expected));
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
