package io.spillway.connect.common.kafka;

import io.spillway.connect.common.config.ConfigKeyException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of one Kafka cluster (plain bootstrap servers, or Heroku's config vars), as a
 * ConfigDef fragment under the prefixes of {@link ClusterKeys}: {@link #define} adds the keys to a
 * plugin's ConfigDef, an instance reads them, typed, from the plugin's parsed config.
 */
public final class ClusterConfig {
  public static final String SECURITY_PROTOCOL_DEFAULT = "PLAINTEXT";
  public static final String ENDPOINT_IDENTIFICATION_DEFAULT = "https";
  public static final int CONNECTION_CHECK_MS_DEFAULT = 5_000;

  private final AbstractConfig config;
  private final ClusterKeys keys;

  public ClusterConfig(AbstractConfig config, ClusterKeys keys) {
    this.config = config;
    this.keys = keys;
  }

  /**
   * Adds the cluster's keys to {@code def}: the plain ones in {@link ClusterKeys#group()} from
   * position {@code firstOrder}, the Heroku ones in {@link ClusterKeys#herokuGroup()}.
   *
   * @param topicPrefixDoc what the Heroku topic prefix does in this plugin
   */
  public static ConfigDef define(
      ConfigDef def, ClusterKeys keys, int firstOrder, String topicPrefixDoc) {
    return define(def, keys, keys.consumerPrefix(), firstOrder, topicPrefixDoc);
  }

  /**
   * As {@link #define(ConfigDef, ClusterKeys, int, String)}, for a cluster the plugin writes to:
   * the documented passthrough is the producer's ({@code target.producer.}) and the admin's.
   */
  public static ConfigDef defineTarget(
      ConfigDef def, ClusterKeys keys, int firstOrder, String topicPrefixDoc) {
    return define(def, keys, keys.producerPrefix(), firstOrder, topicPrefixDoc);
  }

  private static ConfigDef define(
      ConfigDef def, ClusterKeys keys, String clientPrefix, int firstOrder, String topicPrefixDoc) {
    int order = firstOrder - 1;
    String group = keys.group();
    def.define(
            keys.bootstrapServers(),
            Type.LIST,
            "",
            Importance.HIGH,
            "host:port pairs of the "
                + keys.cluster()
                + ". Required unless "
                + keys.herokuUrl()
                + " is set.",
            group,
            ++order,
            Width.LONG,
            "Bootstrap servers")
        .define(
            keys.securityProtocol(),
            Type.STRING,
            SECURITY_PROTOCOL_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in(
                "PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT"),
            Importance.MEDIUM,
            "Protocol used to reach the "
                + keys.cluster()
                + ": PLAINTEXT, SSL, SASL_SSL or SASL_PLAINTEXT. Further client settings (SASL,"
                + " keystores, timeouts) pass through with the '"
                + clientPrefix
                + "' and '"
                + keys.adminPrefix()
                + "' prefixes, for example "
                + clientPrefix
                + "sasl.mechanism=SCRAM-SHA-512.",
            group,
            ++order,
            Width.SHORT,
            "Security protocol")
        .define(
            keys.endpointIdentification(),
            Type.STRING,
            ENDPOINT_IDENTIFICATION_DEFAULT,
            Importance.LOW,
            "'https' checks that broker certificates name the broker host; an empty value switches"
                + " the check off, as Heroku's own client examples do (its broker certificates name"
                + " no host).",
            group,
            ++order,
            Width.SHORT,
            "Endpoint identification")
        .define(
            keys.connectionCheckMs(),
            Type.INT,
            CONNECTION_CHECK_MS_DEFAULT,
            ConfigDef.Range.between(0, 60_000),
            Importance.LOW,
            "How long validating the configuration (and so creating or updating the connector)"
                + " may take to connect to the "
                + keys.cluster()
                + " and list its topics; a failure is reported on the setting to fix (certificate,"
                + " host name, credentials, prefix, topics). 0 skips the check, for example when"
                + " the cluster is not reachable from the worker that validates.",
            group,
            ++order,
            Width.SHORT,
            "Connection check timeout");
    order = 0;
    String heroku = keys.herokuGroup();
    return def.define(
            keys.herokuUrl(),
            Type.STRING,
            "",
            Importance.HIGH,
            "Heroku's KAFKA_URL: 'kafka+ssl://host1:9096,kafka+ssl://host2:9096'. Sets the"
                + " bootstrap servers and SSL. Read it from the environment with a config provider:"
                + " config.providers=env, config.providers.env.class="
                + "org.apache.kafka.common.config.provider.EnvVarConfigProvider, then "
                + keys.herokuUrl()
                + "=${env:KAFKA_URL}.",
            heroku,
            ++order,
            Width.LONG,
            "Kafka URL")
        .define(
            keys.herokuTrustedCert(),
            Type.STRING,
            "",
            Importance.HIGH,
            "KAFKA_TRUSTED_CERT: one or more PEM certificates the broker certificates chain to.",
            heroku,
            ++order,
            Width.LONG,
            "Trusted certificates")
        .define(
            keys.herokuClientCert(),
            Type.STRING,
            "",
            Importance.HIGH,
            "KAFKA_CLIENT_CERT: the client certificate, PEM.",
            heroku,
            ++order,
            Width.LONG,
            "Client certificate")
        .define(
            keys.herokuClientCertKey(),
            Type.PASSWORD,
            "",
            Importance.HIGH,
            "KAFKA_CLIENT_CERT_KEY: the client private key, PEM (PKCS#1 'BEGIN RSA PRIVATE KEY' or"
                + " PKCS#8 'BEGIN PRIVATE KEY').",
            heroku,
            ++order,
            Width.LONG,
            "Client key")
        .define(
            keys.herokuTopicPrefix(),
            Type.STRING,
            "",
            Importance.MEDIUM,
            topicPrefixDoc,
            heroku,
            ++order,
            Width.SHORT,
            "Prefix");
  }

  /**
   * Problems involving several of the cluster's settings, as (key to fix, problem) pairs; the
   * Heroku URL and PEM material are parsed here so that validate names what to fix.
   */
  public void addCrossFieldErrors(List<Map.Entry<String, String>> errors) {
    boolean heroku = !herokuUrl().isEmpty();
    if (heroku && !bootstrapServers().isEmpty()) {
      errors.add(
          Map.entry(
              keys.bootstrapServers(),
              "set either " + keys.bootstrapServers() + " or " + keys.herokuUrl() + ", not both"));
    }
    if (!heroku && bootstrapServers().isEmpty()) {
      errors.add(
          Map.entry(keys.bootstrapServers(), "required, or set " + keys.herokuUrl() + " instead"));
    }
    try {
      if (heroku) {
        HerokuKafka.bootstrapServers(keys, herokuUrl());
      }
      HerokuKafka.sslProperties(keys, herokuTrustedCert(), herokuClientCert(), herokuClientKey());
    } catch (ConfigKeyException e) {
      errors.add(Map.entry(e.key(), e.problem()));
    }
  }

  public ClusterKeys keys() {
    return keys;
  }

  public List<String> bootstrapServers() {
    return config.getList(keys.bootstrapServers());
  }

  /** The brokers clients bootstrap from: the Heroku URL's, else the bootstrap servers. */
  public List<String> bootstrapAddresses() {
    return heroku()
        ? List.of(HerokuKafka.bootstrapServers(keys, herokuUrl()).split(","))
        : bootstrapServers().stream().map(String::trim).toList();
  }

  public String securityProtocol() {
    return config.getString(keys.securityProtocol()).toUpperCase(Locale.ROOT);
  }

  public String endpointIdentificationAlgorithm() {
    return config.getString(keys.endpointIdentification());
  }

  public int connectionCheckMs() {
    return config.getInt(keys.connectionCheckMs());
  }

  public String herokuUrl() {
    return config.getString(keys.herokuUrl()).trim();
  }

  public boolean heroku() {
    return !herokuUrl().isEmpty();
  }

  public String herokuTrustedCert() {
    return config.getString(keys.herokuTrustedCert());
  }

  public String herokuClientCert() {
    return config.getString(keys.herokuClientCert());
  }

  public String herokuClientKey() {
    Password key = config.getPassword(keys.herokuClientCertKey());
    return key == null ? "" : key.value();
  }

  /** KAFKA_PREFIX: every topic and consumer group name on the cluster starts with it. */
  public String topicPrefix() {
    return config.getString(keys.herokuTopicPrefix()).trim();
  }

  /** Client settings passed through with the consumer prefix. */
  public Map<String, Object> consumerOverrides() {
    return config.originalsWithPrefix(keys.consumerPrefix());
  }

  /** Client settings passed through with the admin prefix. */
  public Map<String, Object> adminOverrides() {
    return config.originalsWithPrefix(keys.adminPrefix());
  }

  /** Client settings passed through with the producer prefix. */
  public Map<String, Object> producerOverrides() {
    return config.originalsWithPrefix(keys.producerPrefix());
  }
}
