package io.spillway.connect.common.flatten;

import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.config.UrlListValidator;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.policy.ColumnPolicies;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The {@code flatten.*} settings, defined once and shared by the Flatten SMT and the Kafka source:
 * {@link #define(ConfigDef)} adds them to a plugin's ConfigDef; an instance reads them, typed.
 */
public class FlattenConfig extends CrossFieldConfig {
  public static final String GROUP = "Flattening";

  public static final String MODE = "flatten.mode";
  public static final String MODE_DEFAULT = "auto";
  public static final String MODE_DOC =
      "'packed' keeps the whole message in one 'value' column; 'unpacked' makes one 'value_<field>'"
          + " column per first-level JSON or Avro field (nested objects and arrays as JSON text);"
          + " 'auto' unpacks Avro and Struct values and packs JSON and text.";

  public static final String MESSAGE_TYPE = "flatten.message.type";
  public static final String MESSAGE_TYPE_DEFAULT = "json";
  public static final String MESSAGE_TYPE_DOC =
      "How raw message bytes (or strings) are decoded: 'text' (UTF-8), 'json', or 'avro' (Confluent"
          + " wire format, schemas from the schema registry). Struct and Map values from a"
          + " converter are already decoded and used as they are.";

  public static final String KEY_TYPE = "flatten.key.type";
  public static final String KEY_TYPE_DEFAULT = "text";
  public static final String KEY_TYPE_DOC =
      "How raw key bytes are decoded: 'text' gives one 'key' column (UTF-8, base64 when not valid"
          + " UTF-8); 'avro' reads Confluent-wire Avro and makes an Avro record key 'key_<field>'"
          + " columns.";

  public static final String SCHEMA_REGISTRY_URL = "flatten.schema.registry.url";
  public static final String SCHEMA_REGISTRY_URL_DOC =
      "Confluent-compatible schema registry base URLs, tried in turn. Required for Avro.";

  public static final String SCHEMA_REGISTRY_USER_INFO =
      "flatten.schema.registry.basic.auth.user.info";
  public static final String SCHEMA_REGISTRY_USER_INFO_DOC =
      "Basic authentication for the schema registry as 'user:password'.";

  public static final String SCHEMA_REGISTRY_TIMEOUT_MS = "flatten.schema.registry.timeout.ms";
  public static final int SCHEMA_REGISTRY_TIMEOUT_MS_DEFAULT = 10_000;
  public static final String SCHEMA_REGISTRY_TIMEOUT_MS_DOC =
      "Connect and request timeout for schema registry calls. An unreachable registry is a"
          + " retriable error: the record is retried, never skipped.";

  public static final String HASH_COLUMNS = "flatten.hash.columns";
  public static final String HASH_COLUMNS_DOC =
      "Columns whose values are replaced by the hex SHA-256 of the salt followed by the value's"
          + " text (for example: value_email,key). Nulls stay null.";

  public static final String HASH_SALT = "flatten.hash.salt";
  public static final String HASH_SALT_DOC =
      "Secret salt for hashed columns. Required when flatten.hash.columns is set.";

  public static final String BLOCK_COLUMNS = "flatten.block.columns";
  public static final String BLOCK_COLUMNS_DOC =
      "Columns dropped from every row (for example: headers,value_password).";

  public static final String ERRORS_TOLERANCE = "flatten.errors.tolerance";
  public static final String ERRORS_TOLERANCE_DEFAULT = "none";
  public static final String ERRORS_TOLERANCE_DOC =
      "Undecodable input: 'none' fails the task with a message naming topic, partition and"
          + " offset (in a sink, Connect's errors.tolerance and dead letter queue then take over);"
          + " 'all' keeps the record packed, its raw value as text (base64 if not UTF-8), with an"
          + " '_error' column giving the reason.";

  public FlattenConfig(Map<?, ?> props) {
    this(define(new ConfigDef()), props);
  }

  protected FlattenConfig(ConfigDef definition, Map<?, ?> props) {
    this(definition, props, true);
  }

  /**
   * @param check whether to fail on {@link #crossFieldErrors()}; {@code false} lets a connector's
   *     {@code validate} report every problem at once, each on its own key
   */
  protected FlattenConfig(ConfigDef definition, Map<?, ?> props, boolean check) {
    super(definition, props, check);
  }

  /** Adds the {@code flatten.*} keys to a plugin's ConfigDef, in their own group. */
  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            MODE,
            Type.STRING,
            MODE_DEFAULT,
            EnumValidator.of(FlattenMode.class),
            Importance.HIGH,
            MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Mode")
        .define(
            MESSAGE_TYPE,
            Type.STRING,
            MESSAGE_TYPE_DEFAULT,
            EnumValidator.of(MessageType.class),
            Importance.HIGH,
            MESSAGE_TYPE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Message type")
        .define(
            KEY_TYPE,
            Type.STRING,
            KEY_TYPE_DEFAULT,
            EnumValidator.of(KeyType.class),
            Importance.MEDIUM,
            KEY_TYPE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Key type")
        .define(
            SCHEMA_REGISTRY_URL,
            Type.LIST,
            "",
            new UrlListValidator(),
            Importance.HIGH,
            SCHEMA_REGISTRY_URL_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Schema registry URL")
        .define(
            SCHEMA_REGISTRY_USER_INFO,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            SCHEMA_REGISTRY_USER_INFO_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Schema registry auth")
        .define(
            SCHEMA_REGISTRY_TIMEOUT_MS,
            Type.INT,
            SCHEMA_REGISTRY_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.between(100, 600_000),
            Importance.LOW,
            SCHEMA_REGISTRY_TIMEOUT_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Registry timeout")
        .define(
            HASH_COLUMNS,
            Type.LIST,
            "",
            new ColumnNamesValidator(),
            Importance.MEDIUM,
            HASH_COLUMNS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Hashed columns")
        .define(
            HASH_SALT,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            HASH_SALT_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Hash salt")
        .define(
            BLOCK_COLUMNS,
            Type.LIST,
            "",
            new ColumnNamesValidator(),
            Importance.MEDIUM,
            BLOCK_COLUMNS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Blocked columns")
        .define(
            ERRORS_TOLERANCE,
            Type.STRING,
            ERRORS_TOLERANCE_DEFAULT,
            EnumValidator.of(ErrorTolerance.class),
            Importance.MEDIUM,
            ERRORS_TOLERANCE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Error tolerance");
  }

  @Override
  public List<Map.Entry<String, String>> crossFieldErrors() {
    List<Map.Entry<String, String>> errors = super.crossFieldErrors();
    if ((messageType() == MessageType.AVRO || keyType() == KeyType.AVRO)
        && schemaRegistryUrls().isEmpty()) {
      errors.add(
          Map.entry(
              SCHEMA_REGISTRY_URL,
              "a schema registry URL is required when "
                  + MESSAGE_TYPE
                  + " or "
                  + KEY_TYPE
                  + " is 'avro'"));
    }
    if (!hashColumns().isEmpty() && (hashSalt() == null || hashSalt().value().isEmpty())) {
      errors.add(
          Map.entry(HASH_SALT, "a non-empty salt is required when " + HASH_COLUMNS + " is set"));
    }
    Set<String> both = new HashSet<>(hashColumns());
    both.retainAll(blockColumns());
    if (!both.isEmpty()) {
      errors.add(
          Map.entry(
              BLOCK_COLUMNS,
              "columns " + both + " are also listed in " + HASH_COLUMNS + ": choose one policy"));
    }
    return errors;
  }

  public FlattenMode mode() {
    return FlattenMode.parse(getString(MODE));
  }

  public MessageType messageType() {
    return MessageType.parse(getString(MESSAGE_TYPE));
  }

  public KeyType keyType() {
    return KeyType.parse(getString(KEY_TYPE));
  }

  public List<String> schemaRegistryUrls() {
    return getList(SCHEMA_REGISTRY_URL);
  }

  public Password schemaRegistryUserInfo() {
    return getPassword(SCHEMA_REGISTRY_USER_INFO);
  }

  public Duration schemaRegistryTimeout() {
    return Duration.ofMillis(getInt(SCHEMA_REGISTRY_TIMEOUT_MS));
  }

  /** The hash and block policies of {@code flatten.hash.*} and {@code flatten.block.columns}. */
  public ColumnPolicies columnPolicies() {
    return new ColumnPolicies(
        Set.copyOf(hashColumns()),
        Set.copyOf(blockColumns()),
        hashSalt() == null ? null : hashSalt().value());
  }

  public List<String> hashColumns() {
    return getList(HASH_COLUMNS).stream().map(String::trim).toList();
  }

  public Password hashSalt() {
    return getPassword(HASH_SALT);
  }

  public List<String> blockColumns() {
    return getList(BLOCK_COLUMNS).stream().map(String::trim).toList();
  }

  public ErrorTolerance errorTolerance() {
    return ErrorTolerance.parse(getString(ERRORS_TOLERANCE));
  }
}
