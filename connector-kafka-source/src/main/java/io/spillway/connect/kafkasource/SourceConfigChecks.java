package io.spillway.connect.kafkasource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Rules that involve several settings. {@link #errors} feeds {@code Connector.validate} (each error
 * attached to the key to fix), {@link #check} fails a config outright.
 */
final class SourceConfigChecks {
  private SourceConfigChecks() {}

  /** Problems as (key, message) pairs; empty when the config is consistent. */
  static List<Map.Entry<String, String>> errors(KafkaSourceConfig config) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    boolean heroku = !config.herokuUrl().isEmpty();
    if (heroku && !config.bootstrapServers().isEmpty()) {
      errors.add(
          Map.entry(
              KafkaSourceConfig.BOOTSTRAP_SERVERS,
              "set either source.bootstrap.servers or heroku.kafka.url, not both"));
    }
    if (!heroku && config.bootstrapServers().isEmpty()) {
      errors.add(
          Map.entry(
              KafkaSourceConfig.BOOTSTRAP_SERVERS,
              "source.bootstrap.servers (or heroku.kafka.url) is required"));
    }
    if (config.topics().isEmpty() && config.topicsRegex() == null) {
      errors.add(Map.entry(KafkaSourceConfig.TOPICS, "set topics or topics.regex"));
    }
    if (!config.topics().isEmpty() && config.topicsRegex() != null) {
      errors.add(Map.entry(KafkaSourceConfig.TOPICS_REGEX, "set topics or topics.regex, not both"));
    }
    boolean clientCert = !config.herokuClientCert().isBlank();
    boolean clientKey = !config.herokuClientCertKey().value().isBlank();
    if (clientCert != clientKey) {
      errors.add(
          Map.entry(
              clientCert
                  ? KafkaSourceConfig.HEROKU_CLIENT_CERT_KEY
                  : KafkaSourceConfig.HEROKU_CLIENT_CERT,
              "heroku.client.cert and heroku.client.cert.key go together"));
    }
    if (!config.destinationTopicFormat().contains("${topic}") && config.topicsRegex() != null) {
      errors.add(
          Map.entry(
              KafkaSourceConfig.DESTINATION_TOPIC_FORMAT,
              "must contain ${topic} when several topics are replicated"));
    }
    return errors;
  }

  static void check(KafkaSourceConfig config) {
    List<Map.Entry<String, String>> errors = errors(config);
    if (!errors.isEmpty()) {
      Map.Entry<String, String> first = errors.get(0);
      throw new ConfigException(first.getKey() + ": " + first.getValue());
    }
  }

  /** Attaches the cross-field errors to the validated values, as the REST API reports them. */
  static void attach(KafkaSourceConfig config, Map<String, ConfigValue> values) {
    for (Map.Entry<String, String> error : errors(config)) {
      ConfigValue value = values.get(error.getKey());
      if (value != null) {
        value.addErrorMessage(error.getValue());
      }
    }
  }
}
