package io.spillway.connect.kafkasource;

import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.config.ProviderReferences;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.kafka.ClusterConfig;
import io.spillway.connect.common.kafka.ClusterKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Settings of the Kafka source: the source cluster (plain or the Heroku shortcut), which topics to
 * replicate, where to start, and the shared {@code flatten.*} settings.
 */
public class KafkaSourceConfig extends FlattenConfig {
  public static final String SOURCE_GROUP = ClusterKeys.SOURCE.group();
  public static final String HEROKU_GROUP = ClusterKeys.SOURCE.herokuGroup();
  public static final String TOPICS_GROUP = "Topics";

  public static final String CLUSTER_ALIAS = "source.cluster.alias";
  public static final String CLUSTER_ALIAS_DEFAULT = "source";
  public static final String CLUSTER_ALIAS_DOC =
      "Names the source cluster in the positions kept in Connect's offset storage. Keep it when the"
          + " cluster's brokers change; change it to replicate a different cluster from scratch.";

  /** The source cluster's keys: {@code source.*} and {@code heroku.*}. */
  public static final ClusterKeys SOURCE_KEYS = ClusterKeys.SOURCE;

  public static final String BOOTSTRAP_SERVERS = SOURCE_KEYS.bootstrapServers();
  public static final String SECURITY_PROTOCOL = SOURCE_KEYS.securityProtocol();
  public static final String ENDPOINT_IDENTIFICATION = SOURCE_KEYS.endpointIdentification();
  public static final String CONNECTION_CHECK_MS = SOURCE_KEYS.connectionCheckMs();
  public static final String CONSUMER_PREFIX = SOURCE_KEYS.consumerPrefix();
  public static final String ADMIN_PREFIX = SOURCE_KEYS.adminPrefix();
  public static final String HEROKU_URL = SOURCE_KEYS.herokuUrl();
  public static final String HEROKU_TRUSTED_CERT = SOURCE_KEYS.herokuTrustedCert();
  public static final String HEROKU_CLIENT_CERT = SOURCE_KEYS.herokuClientCert();
  public static final String HEROKU_CLIENT_CERT_KEY = SOURCE_KEYS.herokuClientCertKey();
  public static final String HEROKU_PREFIX = SOURCE_KEYS.herokuTopicPrefix();
  public static final String HEROKU_PREFIX_DOC =
      "KAFKA_PREFIX of multi-tenant plans: prepended to every topic name and to the consumer group,"
          + " stripped from destination table names.";

  public static final String TOPICS = "topics";
  public static final String TOPICS_DOC =
      "Topics to replicate (without the Heroku prefix). Use this or topics.regex.";

  public static final String TOPICS_REGEX = "topics.regex";
  public static final String TOPICS_REGEX_DOC =
      "Java regular expression of topics to replicate (matched without the Heroku prefix). Topics"
          + " created later that match are picked up.";

  public static final String TOPICS_EXCLUDE = "topics.exclude";
  public static final String TOPICS_EXCLUDE_DEFAULT = "__.*,.*[-.]internal,.*\\.replica";
  public static final String TOPICS_EXCLUDE_DOC =
      "Regular expressions of topics never replicated, even when listed or matched.";

  public static final String REFRESH_INTERVAL_MS = "refresh.topics.interval.ms";
  public static final long REFRESH_INTERVAL_MS_DEFAULT = 60_000L;
  public static final String REFRESH_INTERVAL_MS_DOC =
      "How often the source cluster is checked for new topics and partitions, which are then"
          + " spread over the tasks.";

  public static final String DESTINATION_TOPIC_FORMAT = "destination.topic.format";
  public static final String DESTINATION_TOPIC_FORMAT_DEFAULT = "${topic}";
  public static final String DESTINATION_TOPIC_FORMAT_DOC =
      "Name of the destination topic (the table) for each source topic; ${topic} is the source"
          + " topic without the Heroku prefix.";

  public static final String DESTINATION_PARTITIONING = "destination.partitioning";
  public static final String DESTINATION_PARTITIONING_DEFAULT = "source";
  public static final String DESTINATION_PARTITIONING_DOC =
      "'source' writes each row to the partition number it had on the source cluster, which keeps"
          + " the source order per partition (the destination topic needs at least as many"
          + " partitions: set topic.creation.default.partitions accordingly); 'key' lets the"
          + " producer spread rows by their {partition, offset} key.";

  /** How rows are spread over the destination topic's partitions. */
  public enum DestinationPartitioning {
    SOURCE,
    KEY
  }

  public static final String START_FROM = "start.from";
  public static final String START_FROM_DEFAULT = "earliest";
  public static final String START_FROM_DOC =
      "Where a partition with no stored position starts: 'earliest' copies the whole history,"
          + " 'latest' only what arrives from now on.";

  public static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
  public static final int POLL_TIMEOUT_MS_DEFAULT = 1_000;
  public static final String POLL_TIMEOUT_MS_DOC =
      "Longest time one poll of the source cluster waits for records.";

  public static final String DESTINATION_SERIALIZATION = "destination.serialization";
  public static final String DESTINATION_SERIALIZATION_DEFAULT = "none";
  public static final String BYTE_ARRAY_CONVERTER =
      "org.apache.kafka.connect.converters.ByteArrayConverter";
  public static final String DESTINATION_SERIALIZATION_DOC =
      "'none' hands Connect typed rows, which the worker's converter serializes. 'json' makes the"
          + " task write each row and key itself as the exact bytes Kafka's JsonConverter would"
          + " produce (faster: no Struct, no converter); the connector must then set"
          + " key.converter and value.converter to "
          + BYTE_ARRAY_CONVERTER
          + ", and destination.json.schemas.enable takes the place of the converters'"
          + " schemas.enable.";

  public static final String DESTINATION_JSON_SCHEMAS_ENABLE = "destination.json.schemas.enable";
  public static final boolean DESTINATION_JSON_SCHEMAS_ENABLE_DEFAULT = true;
  public static final String DESTINATION_JSON_SCHEMAS_ENABLE_DOC =
      "With destination.serialization=json: write the {\"schema\":...,\"payload\":...} envelope,"
          + " as JsonConverter's schemas.enable=true does (sinks that need the row's types, the"
          + " Redshift sink with JsonConverter included), or the bare row as schemas.enable=false"
          + " does.";

  public static final String DESTINATION_JSON_DECIMAL_FORMAT = "destination.json.decimal.format";
  public static final String DESTINATION_JSON_DECIMAL_FORMAT_DEFAULT = "BASE64";
  public static final String DESTINATION_JSON_DECIMAL_FORMAT_DOC =
      "With destination.serialization=json: how exact-decimal columns are written, as"
          + " JsonConverter's decimal.format: 'BASE64' (its default: the unscaled bytes, which"
          + " JsonConverter with schemas reads back) or 'NUMERIC' (JSON numbers).";

  /** Who serializes the destination records. */
  public enum DestinationSerialization {
    NONE,
    JSON
  }

  /** Where partitions without a stored position start. */
  public enum StartFrom {
    EARLIEST,
    LATEST
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  public KafkaSourceConfig(Map<?, ?> props) {
    this(CONFIG_DEF, props);
  }

  protected KafkaSourceConfig(ConfigDef definition, Map<?, ?> props) {
    super(definition, props, true);
  }

  /** A config that reports, rather than throws, problems involving several settings. */
  static KafkaSourceConfig forValidation(Map<?, ?> props) {
    return new KafkaSourceConfig(CONFIG_DEF, props, false);
  }

  private KafkaSourceConfig(ConfigDef definition, Map<?, ?> props, boolean check) {
    super(definition, props, check);
  }

  @Override
  public List<Map.Entry<String, String>> crossFieldErrors() {
    List<Map.Entry<String, String>> errors = new ArrayList<>(super.crossFieldErrors());
    errors.addAll(ProviderReferences.unresolved(originals()));
    cluster().addCrossFieldErrors(errors);
    if (topics().isEmpty() && topicsRegex() == null) {
      errors.add(Map.entry(TOPICS, "set " + TOPICS + " or " + TOPICS_REGEX));
    }
    if (!topics().isEmpty() && topicsRegex() != null) {
      errors.add(Map.entry(TOPICS_REGEX, "set " + TOPICS + " or " + TOPICS_REGEX + ", not both"));
    }
    boolean severalTopics = topics().size() > 1 || topicsRegex() != null;
    if (severalTopics && !destinationTopicFormat().contains("${topic}")) {
      errors.add(
          Map.entry(
              DESTINATION_TOPIC_FORMAT,
              "must contain ${topic} when several topics are replicated"));
    }
    addConverterErrors(errors);
    return errors;
  }

  /**
   * A connector cannot choose the worker's converters, only check its own overrides: pre-serialized
   * rows need ByteArrayConverter for keys and values, typed rows anything else.
   */
  private void addConverterErrors(List<Map.Entry<String, String>> errors) {
    Object keyConverter = originals().get("key.converter");
    Object valueConverter = originals().get("value.converter");
    boolean keyBytes = isByteArrayConverter(keyConverter);
    boolean valueBytes = isByteArrayConverter(valueConverter);
    if (destinationSerialization() == DestinationSerialization.JSON) {
      if (!keyBytes || !valueBytes) {
        errors.add(
            Map.entry(
                DESTINATION_SERIALIZATION,
                "'json' writes keys and values as bytes: set key.converter and value.converter to "
                    + BYTE_ARRAY_CONVERTER
                    + " on this connector (now key.converter="
                    + keyConverter
                    + ", value.converter="
                    + valueConverter
                    + ")"));
      }
    } else if (keyBytes || valueBytes) {
      errors.add(
          Map.entry(
              DESTINATION_SERIALIZATION,
              "ByteArrayConverter cannot write typed rows: set "
                  + DESTINATION_SERIALIZATION
                  + "=json, or a converter such as JsonConverter"));
    }
  }

  private static boolean isByteArrayConverter(Object converter) {
    String name = converter instanceof Class<?> type ? type.getName() : String.valueOf(converter);
    return BYTE_ARRAY_CONVERTER.equals(name.trim());
  }

  private static ConfigDef configDef() {
    ConfigDef def =
        new ConfigDef()
            .define(
                CLUSTER_ALIAS,
                Type.STRING,
                CLUSTER_ALIAS_DEFAULT,
                new ConfigDef.NonEmptyString(),
                Importance.MEDIUM,
                CLUSTER_ALIAS_DOC,
                SOURCE_GROUP,
                1,
                Width.SHORT,
                "Cluster alias");
    ClusterConfig.define(def, SOURCE_KEYS, 2, HEROKU_PREFIX_DOC);
    int order = 0;
    def.define(
            TOPICS,
            Type.LIST,
            "",
            Importance.HIGH,
            TOPICS_DOC,
            TOPICS_GROUP,
            ++order,
            Width.LONG,
            "Topics")
        .define(
            TOPICS_REGEX,
            Type.STRING,
            "",
            new RegexValidator(),
            Importance.HIGH,
            TOPICS_REGEX_DOC,
            TOPICS_GROUP,
            ++order,
            Width.LONG,
            "Topics regex")
        .define(
            TOPICS_EXCLUDE,
            Type.LIST,
            TOPICS_EXCLUDE_DEFAULT,
            new RegexValidator(),
            Importance.LOW,
            TOPICS_EXCLUDE_DOC,
            TOPICS_GROUP,
            ++order,
            Width.LONG,
            "Excluded topics")
        .define(
            REFRESH_INTERVAL_MS,
            Type.LONG,
            REFRESH_INTERVAL_MS_DEFAULT,
            ConfigDef.Range.atLeast(1_000L),
            Importance.LOW,
            REFRESH_INTERVAL_MS_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Refresh interval")
        .define(
            DESTINATION_TOPIC_FORMAT,
            Type.STRING,
            DESTINATION_TOPIC_FORMAT_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            DESTINATION_TOPIC_FORMAT_DOC,
            TOPICS_GROUP,
            ++order,
            Width.MEDIUM,
            "Destination topic")
        .define(
            DESTINATION_PARTITIONING,
            Type.STRING,
            DESTINATION_PARTITIONING_DEFAULT,
            EnumValidator.of(DestinationPartitioning.class),
            Importance.MEDIUM,
            DESTINATION_PARTITIONING_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Destination partitioning")
        .define(
            START_FROM,
            Type.STRING,
            START_FROM_DEFAULT,
            EnumValidator.of(StartFrom.class),
            Importance.MEDIUM,
            START_FROM_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Start from")
        .define(
            POLL_TIMEOUT_MS,
            Type.INT,
            POLL_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.between(10, 60_000),
            Importance.LOW,
            POLL_TIMEOUT_MS_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Poll timeout")
        .define(
            DESTINATION_SERIALIZATION,
            Type.STRING,
            DESTINATION_SERIALIZATION_DEFAULT,
            EnumValidator.of(DestinationSerialization.class),
            Importance.MEDIUM,
            DESTINATION_SERIALIZATION_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Destination serialization")
        .define(
            DESTINATION_JSON_SCHEMAS_ENABLE,
            Type.BOOLEAN,
            DESTINATION_JSON_SCHEMAS_ENABLE_DEFAULT,
            Importance.LOW,
            DESTINATION_JSON_SCHEMAS_ENABLE_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Destination JSON schemas")
        .define(
            DESTINATION_JSON_DECIMAL_FORMAT,
            Type.STRING,
            DESTINATION_JSON_DECIMAL_FORMAT_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("BASE64", "NUMERIC"),
            Importance.LOW,
            DESTINATION_JSON_DECIMAL_FORMAT_DOC,
            TOPICS_GROUP,
            ++order,
            Width.SHORT,
            "Destination JSON decimals");
    return FlattenConfig.define(def);
  }

  public String clusterAlias() {
    return getString(CLUSTER_ALIAS);
  }

  /** The source cluster's connection settings. */
  public ClusterConfig cluster() {
    return new ClusterConfig(this, SOURCE_KEYS);
  }

  public String herokuPrefix() {
    return cluster().topicPrefix();
  }

  public List<String> topics() {
    return getList(TOPICS).stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  public Pattern topicsRegex() {
    String regex = getString(TOPICS_REGEX).trim();
    return regex.isEmpty() ? null : Pattern.compile(regex);
  }

  public List<Pattern> topicsExclude() {
    return getList(TOPICS_EXCLUDE).stream()
        .map(String::trim)
        .filter(r -> !r.isEmpty())
        .map(Pattern::compile)
        .toList();
  }

  public long refreshIntervalMs() {
    return getLong(REFRESH_INTERVAL_MS);
  }

  public String destinationTopicFormat() {
    return getString(DESTINATION_TOPIC_FORMAT);
  }

  public DestinationPartitioning destinationPartitioning() {
    return EnumValidator.parse(DestinationPartitioning.class, getString(DESTINATION_PARTITIONING));
  }

  public StartFrom startFrom() {
    return EnumValidator.parse(StartFrom.class, getString(START_FROM));
  }

  public DestinationSerialization destinationSerialization() {
    return EnumValidator.parse(
        DestinationSerialization.class, getString(DESTINATION_SERIALIZATION));
  }

  public boolean destinationJsonSchemasEnabled() {
    return getBoolean(DESTINATION_JSON_SCHEMAS_ENABLE);
  }

  /** JsonConverter's settings that the pre-serialized rows must match. */
  public Map<String, String> destinationJsonConverterConfig() {
    return Map.of(
        "schemas.enable",
        Boolean.toString(destinationJsonSchemasEnabled()),
        "decimal.format",
        getString(DESTINATION_JSON_DECIMAL_FORMAT).toUpperCase(Locale.ROOT));
  }

  public int pollTimeoutMs() {
    return getInt(POLL_TIMEOUT_MS);
  }
}
