package io.spillway.connect.common.kafka;

import io.spillway.connect.common.config.ConfigKeyException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * A bounded test connection for a connector's {@code validate}, as JDBC connectors test theirs:
 * lists the cluster's topics within {@link ClusterConfig#connectionCheckMs()} and closes the client
 * whatever happens, so a failing check leaves nothing reconnecting behind it.
 */
public final class ConnectionCheck {
  private ConnectionCheck() {}

  /**
   * The names of the topics the client may see (internal ones excluded), or a {@link
   * ConfigKeyException} naming the setting to fix. When none of the {@code named} topics is among
   * them, they are described by name: a listing hides topics the ACLs deny, a description says so.
   */
  public static Set<String> topicNames(
      ClusterConfig config, String clientId, Collection<String> named) {
    int timeoutMs = config.connectionCheckMs();
    Map<String, Object> props = ClusterClients.adminProperties(config, clientId);
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) timeoutMs);
    props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) timeoutMs);
    Admin admin;
    try {
      admin = Admin.create(props);
    } catch (KafkaException e) {
      throw ConnectionProblems.explain(e, config);
    }
    try {
      Set<String> names =
          admin
              .listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs))
              .names()
              .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
      if (!named.isEmpty() && named.stream().noneMatch(names::contains)) {
        checkAccess(admin, named, timeoutMs);
      }
      return names;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigKeyException(config.keys().connectionCheckMs(), "interrupted");
    } catch (ExecutionException e) {
      throw ConnectionProblems.explain(e.getCause(), config);
    } catch (TimeoutException e) {
      throw ConnectionProblems.explain(e, config);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  /** Throws the ACL denial of describing {@code topics}, naming them; a missing topic is fine. */
  public static void checkAccess(Admin admin, Collection<String> topics, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> denied = new TreeSet<>();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> topic :
        admin.describeTopics(topics).topicNameValues().entrySet()) {
      try {
        topic.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicAuthorizationException) {
          denied.add(topic.getKey());
        }
      }
    }
    if (!denied.isEmpty()) {
      throw new ExecutionException(
          new TopicAuthorizationException("Topic authorization failed.", denied));
    }
  }
}
