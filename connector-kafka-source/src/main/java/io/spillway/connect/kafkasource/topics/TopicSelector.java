package io.spillway.connect.kafkasource.topics;

import io.spillway.connect.kafkasource.KafkaSourceConfig;
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

  /** The destination topic (the table) of a source topic. */
  public String destination(String sourceTopic) {
    return destinationFormat.replace("${topic}", unprefixed(sourceTopic));
  }
}
