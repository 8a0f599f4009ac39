package io.spillway.connect.kafkasource;

import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.kafkasource.client.HerokuKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the Kafka source: the source cluster (plain or the Heroku shortcut), which topics to
 * replicate, where to start, and the shared {@code flatten.*} settings.
 */
public class KafkaSourceConfig extends FlattenConfig {
  public static final String SOURCE_GROUP = "Source cluster";
  public static final String HEROKU_GROUP = "Heroku Kafka";
  public static final String TOPICS_GROUP = "Topics";

  public static final String CLUSTER_ALIAS = "source.cluster.alias";
  public static final String CLUSTER_ALIAS_DEFAULT = "source";
  public static final String CLUSTER_ALIAS_DOC =
      "Names the source cluster in the positions kept in Connect's offset storage. Keep it when the"
          + " cluster's brokers change; change it to replicate a different cluster from scratch.";

  public static final String BOOTSTRAP_SERVERS = "source.bootstrap.servers";
  public static final String BOOTSTRAP_SERVERS_DOC =
      "host:port pairs of the source cluster. Required unless heroku.kafka.url is set.";

  public static final String SECURITY_PROTOCOL = "source.security.protocol";
  public static final String SECURITY_PROTOCOL_DEFAULT = "PLAINTEXT";
  public static final String SECURITY_PROTOCOL_DOC =
      "Protocol used to reach the source cluster: PLAINTEXT, SSL, SASL_SSL or SASL_PLAINTEXT."
          + " Further client settings (SASL, keystores, timeouts) pass through with the"
          + " 'source.consumer.' and 'source.admin.' prefixes, for example"
          + " source.consumer.sasl.mechanism=SCRAM-SHA-512.";

  public static final String ENDPOINT_IDENTIFICATION =
      "source.ssl.endpoint.identification.algorithm";
  public static final String ENDPOINT_IDENTIFICATION_DEFAULT = "https";
  public static final String ENDPOINT_IDENTIFICATION_DOC =
      "'https' checks that broker certificates name the broker host; an empty value switches the"
          + " check off, as Heroku's own client examples do (its broker certificates name no host).";

  public static final String CONSUMER_PREFIX = "source.consumer.";
  public static final String ADMIN_PREFIX = "source.admin.";

  public static final String HEROKU_URL = "heroku.kafka.url";
  public static final String HEROKU_URL_DOC =
      "Heroku's KAFKA_URL: 'kafka+ssl://host1:9096,kafka+ssl://host2:9096'. Sets the bootstrap"
          + " servers and SSL. Read it from the environment with a config provider:"
          + " config.providers=env, config.providers.env.class="
          + "org.apache.kafka.common.config.provider.EnvVarConfigProvider, then"
          + " heroku.kafka.url=${env:KAFKA_URL}.";

  public static final String HEROKU_TRUSTED_CERT = "heroku.trusted.cert";
  public static final String HEROKU_TRUSTED_CERT_DOC =
      "KAFKA_TRUSTED_CERT: one or more PEM certificates the broker certificates chain to.";

  public static final String HEROKU_CLIENT_CERT = "heroku.client.cert";
  public static final String HEROKU_CLIENT_CERT_DOC =
      "KAFKA_CLIENT_CERT: the client certificate, PEM.";

  public static final String HEROKU_CLIENT_CERT_KEY = "heroku.client.cert.key";
  public static final String HEROKU_CLIENT_CERT_KEY_DOC =
      "KAFKA_CLIENT_CERT_KEY: the client private key, PEM (PKCS#1 'BEGIN RSA PRIVATE KEY' or"
          + " PKCS#8 'BEGIN PRIVATE KEY').";

  public static final String HEROKU_PREFIX = "heroku.prefix";
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
    boolean heroku = !herokuUrl().isEmpty();
    if (heroku && !bootstrapServers().isEmpty()) {
      errors.add(
          Map.entry(
              BOOTSTRAP_SERVERS,
              "set either " + BOOTSTRAP_SERVERS + " or " + HEROKU_URL + ", not both"));
    }
    if (!heroku && bootstrapServers().isEmpty()) {
      errors.add(
          Map.entry(BOOTSTRAP_SERVERS, BOOTSTRAP_SERVERS + " (or " + HEROKU_URL + ") is required"));
    }
    if (topics().isEmpty() && topicsRegex() == null) {
      errors.add(Map.entry(TOPICS, "set " + TOPICS + " or " + TOPICS_REGEX));
    }
    if (!topics().isEmpty() && topicsRegex() != null) {
      errors.add(Map.entry(TOPICS_REGEX, "set " + TOPICS + " or " + TOPICS_REGEX + ", not both"));
    }
    boolean clientCert = !herokuClientCert().isBlank();
    boolean clientKey = !herokuClientCertKey().value().isBlank();
    if (clientCert != clientKey) {
      errors.add(
          Map.entry(
              clientCert ? HEROKU_CLIENT_CERT_KEY : HEROKU_CLIENT_CERT,
              HEROKU_CLIENT_CERT + " and " + HEROKU_CLIENT_CERT_KEY + " go together"));
    }
    if (heroku) {
      herokuErrors(errors);
    }
    boolean severalTopics = topics().size() > 1 || topicsRegex() != null;
    if (severalTopics && !destinationTopicFormat().contains("${topic}")) {
      errors.add(
          Map.entry(
              DESTINATION_TOPIC_FORMAT,
              "must contain ${topic} when several topics are replicated"));
    }
    return errors;
  }

  private static ConfigDef configDef() {
    int order = 0;
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
                ++order,
                Width.SHORT,
                "Cluster alias")
            .define(
                BOOTSTRAP_SERVERS,
                Type.LIST,
                "",
                Importance.HIGH,
                BOOTSTRAP_SERVERS_DOC,
                SOURCE_GROUP,
                ++order,
                Width.LONG,
                "Bootstrap servers")
            .define(
                SECURITY_PROTOCOL,
                Type.STRING,
                SECURITY_PROTOCOL_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in(
                    "PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT"),
                Importance.MEDIUM,
                SECURITY_PROTOCOL_DOC,
                SOURCE_GROUP,
                ++order,
                Width.SHORT,
                "Security protocol")
            .define(
                ENDPOINT_IDENTIFICATION,
                Type.STRING,
                ENDPOINT_IDENTIFICATION_DEFAULT,
                Importance.LOW,
                ENDPOINT_IDENTIFICATION_DOC,
                SOURCE_GROUP,
                ++order,
                Width.SHORT,
                "Endpoint identification");
    order = 0;
    def.define(
            HEROKU_URL,
            Type.STRING,
            "",
            Importance.HIGH,
            HEROKU_URL_DOC,
            HEROKU_GROUP,
            ++order,
            Width.LONG,
            "Kafka URL")
        .define(
            HEROKU_TRUSTED_CERT,
            Type.STRING,
            "",
            Importance.HIGH,
            HEROKU_TRUSTED_CERT_DOC,
            HEROKU_GROUP,
            ++order,
            Width.LONG,
            "Trusted certificates")
        .define(
            HEROKU_CLIENT_CERT,
            Type.STRING,
            "",
            Importance.HIGH,
            HEROKU_CLIENT_CERT_DOC,
            HEROKU_GROUP,
            ++order,
            Width.LONG,
            "Client certificate")
        .define(
            HEROKU_CLIENT_CERT_KEY,
            Type.PASSWORD,
            "",
            Importance.HIGH,
            HEROKU_CLIENT_CERT_KEY_DOC,
            HEROKU_GROUP,
            ++order,
            Width.LONG,
            "Client key")
        .define(
            HEROKU_PREFIX,
            Type.STRING,
            "",
            Importance.MEDIUM,
            HEROKU_PREFIX_DOC,
            HEROKU_GROUP,
            ++order,
            Width.SHORT,
            "Prefix");
    order = 0;
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
            "Poll timeout");
    return FlattenConfig.define(def);
  }

  /** Parses the Heroku URL and PEM material now, so that validate names the setting to fix. */
  private void herokuErrors(List<Map.Entry<String, String>> errors) {
    try {
      HerokuKafka.bootstrapServers(herokuUrl());
      HerokuKafka.sslProperties(
          herokuTrustedCert(), herokuClientCert(), herokuClientCertKey().value());
    } catch (ConfigException e) {
      String message = e.getMessage();
      String key = HEROKU_URL;
      for (String candidate :
          List.of(HEROKU_CLIENT_CERT_KEY, HEROKU_CLIENT_CERT, HEROKU_TRUSTED_CERT, HEROKU_URL)) {
        if (message.startsWith(candidate)) {
          key = candidate;
          message = message.substring(candidate.length()).replaceFirst("^[:\\s]+", "");
          break;
        }
      }
      errors.add(Map.entry(key, message));
    }
  }

  public String clusterAlias() {
    return getString(CLUSTER_ALIAS);
  }

  public List<String> bootstrapServers() {
    return getList(BOOTSTRAP_SERVERS);
  }

  public String securityProtocol() {
    return getString(SECURITY_PROTOCOL).toUpperCase(Locale.ROOT);
  }

  public String endpointIdentificationAlgorithm() {
    return getString(ENDPOINT_IDENTIFICATION);
  }

  public String herokuUrl() {
    return getString(HEROKU_URL).trim();
  }

  public String herokuTrustedCert() {
    return getString(HEROKU_TRUSTED_CERT);
  }

  public String herokuClientCert() {
    return getString(HEROKU_CLIENT_CERT);
  }

  public Password herokuClientCertKey() {
    return getPassword(HEROKU_CLIENT_CERT_KEY);
  }

  public String herokuPrefix() {
    return getString(HEROKU_PREFIX).trim();
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

  public int pollTimeoutMs() {
    return getInt(POLL_TIMEOUT_MS);
  }

  /** Client settings passed through with {@code source.consumer.}. */
  public Map<String, Object> consumerOverrides() {
    return originalsWithPrefix(CONSUMER_PREFIX);
  }

  /** Client settings passed through with {@code source.admin.}. */
  public Map<String, Object> adminOverrides() {
    return originalsWithPrefix(ADMIN_PREFIX);
  }
}
