package io.spillway.connect.common.kafka;

/**
 * The setting names of one Kafka cluster a plugin connects to, under a key prefix, so the same
 * client code serves the cluster a source reads from ({@link #SOURCE}: {@code source.*} and {@code
 * heroku.*}) and a cluster a sink writes to (for example {@code new ClusterKeys("target.",
 * "target.heroku.", "target cluster", "Target cluster", "Target Heroku Kafka")}).
 *
 * @param prefix of the plain client settings: bootstrap servers, protocol, passthrough
 * @param herokuPrefix of the Heroku config vars (KAFKA_URL, KAFKA_TRUSTED_CERT, ...)
 * @param cluster how documentation and messages name the cluster, e.g. "source cluster"
 * @param group the ConfigDef group of the plain settings
 * @param herokuGroup the ConfigDef group of the Heroku settings
 */
public record ClusterKeys(
    String prefix, String herokuPrefix, String cluster, String group, String herokuGroup) {

  /** The Kafka source's cluster: {@code source.bootstrap.servers}, {@code heroku.kafka.url}... */
  public static final ClusterKeys SOURCE =
      new ClusterKeys("source.", "heroku.", "source cluster", "Source cluster", "Heroku Kafka");

  public String bootstrapServers() {
    return prefix + "bootstrap.servers";
  }

  public String securityProtocol() {
    return prefix + "security.protocol";
  }

  public String endpointIdentification() {
    return prefix + "ssl.endpoint.identification.algorithm";
  }

  /** How long {@code validate} tries to reach the cluster; 0 skips that check. */
  public String connectionCheckMs() {
    return prefix + "connection.check.ms";
  }

  /** Passthrough prefix of consumer settings, e.g. {@code source.consumer.}. */
  public String consumerPrefix() {
    return prefix + "consumer.";
  }

  /** Passthrough prefix of admin client settings, e.g. {@code source.admin.}. */
  public String adminPrefix() {
    return prefix + "admin.";
  }

  /** Passthrough prefix of producer settings, e.g. {@code target.producer.}. */
  public String producerPrefix() {
    return prefix + "producer.";
  }

  public String herokuUrl() {
    return herokuPrefix + "kafka.url";
  }

  public String herokuTrustedCert() {
    return herokuPrefix + "trusted.cert";
  }

  public String herokuClientCert() {
    return herokuPrefix + "client.cert";
  }

  public String herokuClientCertKey() {
    return herokuPrefix + "client.cert.key";
  }

  /** KAFKA_PREFIX of multi-tenant plans, e.g. {@code heroku.prefix}. */
  public String herokuTopicPrefix() {
    return herokuPrefix + "prefix";
  }
}
