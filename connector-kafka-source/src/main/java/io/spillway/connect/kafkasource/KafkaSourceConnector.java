package io.spillway.connect.kafkasource;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.config.ConfigKeyException;
import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.common.kafka.ClusterConfig;
import io.spillway.connect.common.kafka.ConnectionProblems;
import io.spillway.connect.kafkasource.topics.PartitionAssignment;
import io.spillway.connect.kafkasource.topics.PartitionDiscovery;
import io.spillway.connect.kafkasource.topics.TopicSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates the topics of an external Kafka cluster (Heroku Kafka or any other) into the Connect
 * cluster, one flattened "table" topic per source topic. Positions live in Connect's offset
 * storage, never in a consumer group, so restarts, rebalances and crashes resume exactly; the
 * offsets REST API resets or re-syncs them.
 */
public class KafkaSourceConnector extends SourceConnector {
  private static final Logger log = LoggerFactory.getLogger(KafkaSourceConnector.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  static final String TOPIC_CREATION_PARTITIONS = "topic.creation.default.partitions";
  static final String TOPIC_CREATION_REPLICATION_FACTOR =
      "topic.creation.default.replication.factor";

  private Map<String, String> props;
  private KafkaSourceConfig config;
  private Admin admin;
  private PartitionDiscovery discovery;
  private ScheduledExecutorService monitor;
  private volatile List<TopicPartition> partitions = List.of();

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    this.config = new KafkaSourceConfig(props);
    String name = props.getOrDefault("name", "kafka-source");
    ClusterConfig cluster = config.cluster();
    try {
      this.admin = Admin.create(ClusterClients.adminProperties(cluster, name + "-admin"));
      this.discovery =
          new PartitionDiscovery(admin, new TopicSelector(config), cluster, ADMIN_TIMEOUT);
      this.partitions = discovery.discover();
    } catch (ConnectException | ConfigKeyException e) {
      // Connect calls stop() only after a successful start: a failed one closes its own client,
      // or it would go on reconnecting to the source until the worker stops.
      closeAdmin();
      throw e instanceof ConnectException connect
          ? connect
          : new ConnectException(e.getMessage(), e);
    } catch (KafkaException e) {
      closeAdmin(); // for instance no resolvable host in the bootstrap servers
      throw new ConnectException(ConnectionProblems.explain(e, cluster).getMessage(), e);
    }
    log.info(
        "Replicating {} partitions of {} topics from source cluster '{}'",
        partitions.size(),
        partitions.stream().map(TopicPartition::topic).distinct().count(),
        config.clusterAlias());
    String topicCreation = topicCreationWarning(props);
    if (topicCreation != null) {
      log.warn(topicCreation);
    }
    this.monitor =
        Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "spillway-kafka-source-topics-" + name));
    long interval = config.refreshIntervalMs();
    monitor.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Connect creates a missing destination topic only for a connector that sets {@code
   * topic.creation.default.*}. Without them a topic that does not exist (on a cluster that does not
   * create topics on first use) stalls the tasks for good: the worker's producer waits for it and
   * retries, the connector stays RUNNING and the only trace is the producer's
   * UNKNOWN_TOPIC_OR_PARTITION warnings. Returns the warning to log, or null.
   */
  static String topicCreationWarning(Map<String, String> props) {
    if (props.containsKey(TOPIC_CREATION_PARTITIONS)
        && props.containsKey(TOPIC_CREATION_REPLICATION_FACTOR)) {
      return null;
    }
    return "Destination topics are not created by this connector ("
        + TOPIC_CREATION_PARTITIONS
        + " and "
        + TOPIC_CREATION_REPLICATION_FACTOR
        + " are not both set): each must exist, with at least as many partitions as its source"
        + " topic under destination.partitioning=source, or the Connect cluster's brokers must"
        + " create topics on first use. Otherwise the tasks wait for it and write nothing.";
  }

  private void refresh() {
    try {
      List<TopicPartition> current = discovery.discover();
      if (!current.equals(partitions)) {
        log.info(
            "Source partitions changed from {} to {}: reassigning tasks",
            partitions.size(),
            current.size());
        partitions = current;
        context().requestTaskReconfiguration();
      }
    } catch (ConfigKeyException e) {
      // Every listed topic vanished: fail with the reason rather than idle with no tasks. Connect
      // never stops a connector that raised an error, so it closes its client first.
      monitor.shutdown();
      closeAdmin();
      context().raiseError(new ConnectException(e.getMessage(), e));
    } catch (RuntimeException e) {
      log.warn("Cannot refresh the source topics (will retry): {}", e.getMessage());
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KafkaSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<TopicPartition> share : PartitionAssignment.spread(partitions, maxTasks)) {
      Map<String, String> taskProps = new HashMap<>(props);
      taskProps.put(KafkaSourceTask.ASSIGNED_PARTITIONS, PartitionAssignment.encode(share));
      configs.add(taskProps);
    }
    return configs;
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.shutdownNow();
    }
    closeAdmin();
  }

  private synchronized void closeAdmin() {
    if (admin != null) {
      try {
        admin.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        log.warn("Closing the source admin client failed: {}", e.toString());
      }
      admin = null;
    }
  }

  /**
   * ConfigDef's per-key checks, the cross-field rules, and then, when those pass, a bounded test
   * connection ({@code source.connection.check.ms}) that reports what the source cluster refuses,
   * and a {@code topics} list of which no topic exists, on the key to fix.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result =
        CrossFieldConfig.withCrossFieldErrors(
            super.validate(connectorConfigs),
            () -> KafkaSourceConfig.forValidation(connectorConfigs));
    return SourceCheck.withConnectionErrors(result, connectorConfigs);
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    // Positions are in Connect's offset storage and reads are deterministic per partition, so the
    // worker can commit records and offsets in one transaction.
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    offsets.forEach(SourcePositions::validate);
    return true; // a reset (null offset) restarts that partition from start.from
  }

  @Override
  public ConfigDef config() {
    return KafkaSourceConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return PluginVersion.of(KafkaSourceConnector.class);
  }
}
