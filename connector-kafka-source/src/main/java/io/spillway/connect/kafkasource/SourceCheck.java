package io.spillway.connect.kafkasource;

import io.spillway.connect.common.config.ConfigKeyException;
import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.kafka.ClusterConfig;
import io.spillway.connect.common.kafka.ConnectionCheck;
import io.spillway.connect.kafkasource.topics.TopicSelector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;

/**
 * The part of {@code validate} that talks to the source cluster: once the settings are valid on
 * their own, a bounded test connection reports what the cluster refuses (certificate, host name,
 * client certificate, login, ACLs) and a {@code topics} list of which no topic exists, each on the
 * key to fix. {@code source.connection.check.ms=0} skips it.
 */
final class SourceCheck {
  private SourceCheck() {}

  static Config withConnectionErrors(Config result, Map<String, String> props) {
    if (CrossFieldConfig.hasErrors(result)) {
      return result;
    }
    KafkaSourceConfig config = KafkaSourceConfig.forValidation(props);
    ClusterConfig cluster = config.cluster();
    if (cluster.connectionCheckMs() == 0) {
      return result;
    }
    String clientId = props.getOrDefault("name", "kafka-source") + "-validate";
    TopicSelector selector = new TopicSelector(config);
    try {
      Set<String> names = ConnectionCheck.topicNames(cluster, clientId, selector.listedOnCluster());
      String noneFound = selector.noneFound(names);
      return noneFound == null
          ? result
          : CrossFieldConfig.withErrors(
              result, List.of(Map.entry(KafkaSourceConfig.TOPICS, noneFound)));
    } catch (ConfigKeyException e) {
      return CrossFieldConfig.withErrors(result, List.of(Map.entry(e.key(), e.problem())));
    }
  }
}
