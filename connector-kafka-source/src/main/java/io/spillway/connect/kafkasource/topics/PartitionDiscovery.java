package io.spillway.connect.kafkasource.topics;

import io.spillway.connect.common.config.ConfigKeyException;
import io.spillway.connect.common.kafka.ClusterConfig;
import io.spillway.connect.common.kafka.ConnectionCheck;
import io.spillway.connect.common.kafka.ConnectionProblems;
import io.spillway.connect.kafkasource.KafkaSourceConfig;
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

/**
 * Lists the partitions of the selected topics on the source cluster. A failure to reach the cluster
 * says which setting to fix; a {@code topics} list of which no topic exists is a {@link
 * ConfigKeyException} on {@code topics}, never an empty, quietly idle assignment.
 */
public final class PartitionDiscovery {
  public static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final Admin admin;
  private final TopicSelector selector;
  private final ClusterConfig cluster;
  private final Duration timeout;

  public PartitionDiscovery(
      Admin admin, TopicSelector selector, ClusterConfig cluster, Duration timeout) {
    this.admin = admin;
    this.selector = selector;
    this.cluster = cluster;
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
      String noneFound = selector.noneFound(names);
      if (noneFound != null) {
        // Hidden from the listing may mean denied by ACLs (a wrong prefix on a multi-tenant plan).
        ConnectionCheck.checkAccess(admin, selector.listedOnCluster(), timeout.toMillis());
        throw new ConfigKeyException(KafkaSourceConfig.TOPICS, noneFound);
      }
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
    } catch (ExecutionException e) {
      throw unusable(e.getCause());
    } catch (TimeoutException e) {
      throw unusable(e);
    }
  }

  private ConnectException unusable(Throwable cause) {
    return new ConnectException(ConnectionProblems.explain(cause, cluster).getMessage(), cause);
  }
}
