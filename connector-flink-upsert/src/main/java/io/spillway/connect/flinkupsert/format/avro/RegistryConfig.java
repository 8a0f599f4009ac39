package io.spillway.connect.flinkupsert.format.avro;

import io.spillway.connect.common.avro.SchemaRegistryClient;
import io.spillway.connect.common.config.ConfigGroups;
import io.spillway.connect.common.config.UrlListValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The schema registry settings of the {@code avro-confluent} format: {@link #define} adds them to
 * the sink's ConfigDef, the static accessors read them. The subject keys carry Flink's own option
 * names ({@code key.avro-confluent.subject}, {@code value.avro-confluent.subject}) and defaults
 * ({@code <target topic>-key}, {@code <target topic>-value}); the registry URL is {@code
 * schema.registry.url}, as Connect's Avro converters name it (Flink's DDL calls the same URL {@code
 * key.avro-confluent.url} / {@code value.avro-confluent.url}).
 */
public final class RegistryConfig {
  public static final String GROUP = "Schema registry (avro-confluent)";

  public static final String URL = "schema.registry.url";
  public static final String URL_DOC =
      "Confluent-compatible schema registry base URLs, tried in turn. Required when key.format or"
          + " value.format is avro-confluent. Flink reads the topic with the same URL as"
          + " 'key.avro-confluent.url' / 'value.avro-confluent.url'.";

  public static final String USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String USER_INFO_DOC =
      "Basic authentication for the schema registry as 'user:password' (Flink:"
          + " 'avro-confluent.basic-auth.user-info' with credentials-source USER_INFO).";

  public static final String TIMEOUT_MS = "schema.registry.timeout.ms";
  public static final int TIMEOUT_MS_DEFAULT = 10_000;
  public static final String TIMEOUT_MS_DOC =
      "Connect and request timeout for schema registry calls. An unreachable registry is a"
          + " retriable error: the record is retried, never skipped.";

  public static final String KEY_SUBJECT = "key.avro-confluent.subject";
  public static final String KEY_SUBJECT_DOC =
      "Subject the key schema is registered under, as Flink's option of the same name. Empty:"
          + " '<target topic>-key', Flink's default for the kafka and upsert-kafka connectors.";

  public static final String VALUE_SUBJECT = "value.avro-confluent.subject";
  public static final String VALUE_SUBJECT_DOC =
      "Subject the value schema is registered under, as Flink's option of the same name. Empty:"
          + " '<target topic>-value', Flink's default.";

  private RegistryConfig() {}

  /** Adds the registry keys to their own group, after the keys already there. */
  public static ConfigDef define(ConfigDef def) {
    int order = ConfigGroups.nextOrder(def, GROUP);
    return def.define(
            URL,
            Type.LIST,
            "",
            new UrlListValidator(),
            Importance.HIGH,
            URL_DOC,
            GROUP,
            order++,
            Width.LONG,
            "Schema registry URLs")
        .define(
            USER_INFO,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            USER_INFO_DOC,
            GROUP,
            order++,
            Width.MEDIUM,
            "Basic auth user info")
        .define(
            TIMEOUT_MS,
            Type.INT,
            TIMEOUT_MS_DEFAULT,
            Range.atLeast(1),
            Importance.LOW,
            TIMEOUT_MS_DOC,
            GROUP,
            order++,
            Width.SHORT,
            "Timeout (ms)")
        .define(
            KEY_SUBJECT,
            Type.STRING,
            "",
            Importance.LOW,
            KEY_SUBJECT_DOC,
            GROUP,
            order++,
            Width.MEDIUM,
            "Key subject")
        .define(
            VALUE_SUBJECT,
            Type.STRING,
            "",
            Importance.LOW,
            VALUE_SUBJECT_DOC,
            GROUP,
            order,
            Width.MEDIUM,
            "Value subject");
  }

  /** A registry client for the configured URLs, credentials and timeout. */
  public static SchemaRegistryClient client(AbstractConfig config) {
    Password userInfo = config.getPassword(USER_INFO);
    return new SchemaRegistryClient(
        config.getList(URL),
        userInfo == null ? null : userInfo.value(),
        Duration.ofMillis(config.getInt(TIMEOUT_MS)));
  }

  /** Target topic → key subject: {@value #KEY_SUBJECT}, or {@code <topic>-key}. */
  public static UnaryOperator<String> keySubjects(AbstractConfig config) {
    return subjects(config.getString(KEY_SUBJECT), "-key");
  }

  /** Target topic → value subject: {@value #VALUE_SUBJECT}, or {@code <topic>-value}. */
  public static UnaryOperator<String> valueSubjects(AbstractConfig config) {
    return subjects(config.getString(VALUE_SUBJECT), "-value");
  }

  private static UnaryOperator<String> subjects(String fixed, String suffix) {
    return fixed == null || fixed.isBlank() ? topic -> topic + suffix : topic -> fixed;
  }

  /**
   * The cross-field rule for the sink's config: a registry URL when a format is avro-confluent.
   *
   * @param avroConfluentUsed whether key.format or value.format is avro-confluent
   */
  public static List<Map.Entry<String, String>> crossFieldErrors(
      AbstractConfig config, boolean avroConfluentUsed) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    if (avroConfluentUsed && config.getList(URL).isEmpty()) {
      errors.add(
          Map.entry(
              URL,
              "a schema registry URL is required when key.format or value.format is"
                  + " avro-confluent"));
    }
    return errors;
  }
}
