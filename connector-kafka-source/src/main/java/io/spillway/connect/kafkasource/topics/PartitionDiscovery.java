package io.spillway.connect.kafkasource.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.connect.errors.ConnectException;

/** Lists the partitions of the selected topics on the source cluster. */
public final class PartitionDiscovery {
  public static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final Admin admin;
  private final TopicSelector selector;
  private final Duration timeout;

  public PartitionDiscovery(Admin admin, TopicSelector selector, Duration timeout) {
    this.admin = admin;
    this.selector = selector;
    this.timeout = timeout;
  }

  /** The selected partitions, sorted by topic and partition. */
  public List<TopicPartition> discover() {
    try {
      Set<String> names =
          admin
              .listTopics(new ListTopicsOptions().listInternal(false))
              .names()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<String> selected = names.stream().filter(selector::selects).sorted().toList();
      if (selected.isEmpty()) {
        return List.of();
      }
      Map<String, TopicDescription> descriptions =
          admin
              .describeTopics(selected)
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<TopicPartition> partitions = new ArrayList<>();
      for (TopicDescription description : descriptions.values()) {
        for (TopicPartitionInfo info : description.partitions()) {
          partitions.add(new TopicPartition(description.name(), info.partition()));
        }
      }
      partitions.sort(ORDER);
      return partitions;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while listing source topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException("Cannot list the topics of the source cluster: " + e, e);
    }
  }
}
