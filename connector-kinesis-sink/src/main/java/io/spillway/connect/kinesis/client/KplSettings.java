package io.spillway.connect.kinesis.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * The {@code kpl.*} settings: any setting of the KPL's {@link KinesisProducerConfiguration}, named
 * as in its properties files ({@code kpl.RecordMaxBufferedTime=500}), passed on as it is. The
 * sink's own settings (region, endpoint, credentials, work folder) always win; {@code buffer.size}
 * is the default of CollectionMaxCount, and metrics upload is off unless {@code kpl.MetricsLevel}
 * says otherwise.
 */
public final class KplSettings {
  public static final String PREFIX = "kpl.";

  private static final Map<String, String> DEFAULTS =
      Map.of("MetricsLevel", "none", "LogLevel", "warning", "AggregationEnabled", "true");

  private final Map<String, String> values;

  private KplSettings(Map<String, String> values) {
    this.values = values;
  }

  public static KplSettings from(Map<String, ?> withoutPrefix) {
    Map<String, String> values = new TreeMap<>();
    withoutPrefix.forEach((key, value) -> values.put(key, value == null ? "" : value.toString()));
    return new KplSettings(values);
  }

  /** Problems of the {@code kpl.*} settings, keyed by full setting name; empty when all apply. */
  public Map<String, String> errors() {
    Map<String, String> errors = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          try {
            apply(new KinesisProducerConfiguration(), key, value);
          } catch (IllegalArgumentException e) {
            errors.put(PREFIX + key, e.getMessage());
          }
        });
    return errors;
  }

  public KinesisProducerConfiguration configuration(
      KinesisClientConfig client,
      AwsCredentialsProvider credentials,
      Path tempDirectory,
      int bufferSize) {
    KinesisProducerConfiguration configuration = new KinesisProducerConfiguration();
    Map<String, String> merged = new TreeMap<>(DEFAULTS);
    merged.put("CollectionMaxCount", Integer.toString(bufferSize));
    merged.putAll(values);
    merged.forEach(
        (key, value) -> {
          try {
            apply(configuration, key, value);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(PREFIX + key, value, e.getMessage());
          }
        });
    configuration
        .setRegion(client.region())
        .setVerifyCertificate(client.verifyCertificate())
        .setCredentialsProvider(credentials)
        .setTempDirectory(tempDirectory.toString());
    if (!client.endpoint().isEmpty()) {
      configuration.setKinesisEndpoint(client.endpoint()).setKinesisPort(client.port());
    }
    return configuration;
  }

  /** The parameter types KPL settings take, in the order a value is tried. */
  private static final List<Class<?>> SETTING_TYPES =
      List.of(long.class, int.class, boolean.class, String.class);

  /**
   * Calls {@code set<key>(value)}. Looked up by exact signature, not by listing every method: the
   * KPL's Glue schema registry methods name classes this plugin leaves out.
   */
  private static void apply(KinesisProducerConfiguration target, String key, String value) {
    boolean known = false;
    for (Class<?> type : SETTING_TYPES) {
      MethodHandle setter;
      try {
        setter =
            MethodHandles.publicLookup()
                .findVirtual(
                    KinesisProducerConfiguration.class,
                    "set" + key,
                    MethodType.methodType(KinesisProducerConfiguration.class, type));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        continue;
      }
      known = true;
      Object argument = convert(type, value.trim());
      if (argument != null) {
        try {
          setter.invoke(target, argument);
          return;
        } catch (Throwable e) {
          throw new IllegalArgumentException("the KPL rejects it: " + e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException(
        known
            ? "not a value this KPL setting takes"
            : "not a setting of the KPL's KinesisProducerConfiguration");
  }

  private static Object convert(Class<?> type, String value) {
    try {
      if (type == long.class) {
        return Long.parseLong(value);
      } else if (type == int.class) {
        return Integer.parseInt(value);
      } else if (type == boolean.class) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          return null;
        }
        return Boolean.parseBoolean(value);
      } else if (type == String.class) {
        return value;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null; // credentials providers and other objects are not settings
  }
}
