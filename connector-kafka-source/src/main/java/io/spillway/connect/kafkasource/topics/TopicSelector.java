package io.spillway.connect.kafkasource.topics;

import io.spillway.connect.kafkasource.KafkaSourceConfig;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which source topics are replicated and under which destination names. Topic names in the config
 * are written without the Heroku prefix; on the cluster they carry it, and destinations drop it.
 */
public final class TopicSelector {
  private final String prefix;
  private final Set<String> topics;
  private final Pattern regex;
  private final List<Pattern> excluded;
  private final String destinationFormat;

  public TopicSelector(KafkaSourceConfig config) {
    this.prefix = config.herokuPrefix();
    this.topics = Set.copyOf(config.topics());
    this.regex = config.topicsRegex();
    this.excluded = config.topicsExclude();
    this.destinationFormat = config.destinationTopicFormat();
  }

  /** Whether a topic as named on the source cluster is replicated. */
  public boolean selects(String sourceTopic) {
    if (!sourceTopic.startsWith(prefix)) {
      return false;
    }
    String name = unprefixed(sourceTopic);
    if (excluded.stream().anyMatch(p -> p.matcher(name).matches())) {
      return false;
    }
    return regex != null ? regex.matcher(name).matches() : topics.contains(name);
  }

  /** The topic name without the Heroku prefix: what ${topic} stands for. */
  public String unprefixed(String sourceTopic) {
    return sourceTopic.startsWith(prefix) ? sourceTopic.substring(prefix.length()) : sourceTopic;
  }

  /**
   * Why nothing would be replicated, when a {@code topics} list names no topic that exists among
   * {@code clusterTopics} (as named on the cluster); null when something is selected, or when only
   * a {@code topics.regex} is set (topics created later may still match it).
   */
  public String noneFound(Collection<String> clusterTopics) {
    if (regex != null || clusterTopics.stream().anyMatch(this::selects)) {
      return null;
    }
    List<String> wanted = topics.stream().sorted().toList();
    StringBuilder problem = new StringBuilder("none of ").append(wanted).append(" exists on the ");
    problem.append(
        prefix.isEmpty() ? "source cluster" : "source cluster with the prefix '" + prefix + "'");
    List<String> elsewhere =
        clusterTopics.stream()
            .filter(t -> wanted.stream().anyMatch(w -> t.endsWith(w) && !t.equals(prefix + w)))
            .sorted()
            .toList();
    if (!elsewhere.isEmpty()) {
      problem
          .append("; it has ")
          .append(elsewhere)
          .append(": is ")
          .append(KafkaSourceConfig.HEROKU_PREFIX)
          .append(" (the app's KAFKA_PREFIX) right?");
    } else if (!topics.isEmpty()
        && topics.stream().allMatch(t -> clusterTopics.contains(prefix + t))) {
      problem.append("; they are all excluded by ").append(KafkaSourceConfig.TOPICS_EXCLUDE);
    }
    return problem.toString();
  }

  /** The listed topics as named on the cluster (with the prefix); empty for a regex. */
  public List<String> listedOnCluster() {
    return regex != null ? List.of() : topics.stream().map(t -> prefix + t).sorted().toList();
  }

  /** The destination topic (the table) of a source topic. */
  public String destination(String sourceTopic) {
    return destinationFormat.replace("${topic}", unprefixed(sourceTopic));
  }
}
