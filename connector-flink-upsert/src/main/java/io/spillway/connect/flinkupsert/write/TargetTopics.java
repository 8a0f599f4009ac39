package io.spillway.connect.flinkupsert.write;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Names the target topic of each input topic and makes sure it exists with the cleanup policy the
 * mode needs: created compacted (upsert) or with delete (standard) when missing; an existing target
 * with the wrong policy is refused, since compaction would drop standard events and an uncompacted
 * upsert topic would grow forever and replay every old version.
 */
public final class TargetTopics {
  private final String fixed;
  private final String format;
  private final String prefix;
  private final Mode mode;
  private final int partitions;
  private final short replicationFactor;
  private final Set<String> checked = new HashSet<>();

  public TargetTopics(
      String fixed,
      String format,
      String prefix,
      Mode mode,
      int partitions,
      short replicationFactor) {
    this.fixed = fixed;
    this.format = format;
    this.prefix = prefix;
    this.mode = mode;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  /** The target topic of an input topic. */
  public String target(String inputTopic) {
    return prefix + (fixed.isEmpty() ? format.replace("${topic}", inputTopic) : fixed);
  }

  public String cleanupPolicy() {
    return mode == Mode.UPSERT
        ? TopicConfig.CLEANUP_POLICY_COMPACT
        : TopicConfig.CLEANUP_POLICY_DELETE;
  }

  /**
   * The problem with an existing target (wrong cleanup policy), or with a missing one that cannot
   * be created (no partition count), or empty when it is fine.
   */
  public Optional<String> problem(Admin admin, String inputTopic, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    String target = target(inputTopic);
    Optional<String> policy = cleanupPolicy(admin, target, timeoutMs);
    if (policy.isEmpty()) {
      if (partitions < 0 && partitionCount(admin, inputTopic, timeoutMs).isEmpty()) {
        return Optional.of(
            "target topic "
                + target
                + " is missing and input topic "
                + inputTopic
                + " is not on the target cluster to count its partitions: set target.partitions");
      }
      return Optional.empty();
    }
    boolean compacted = policy.get().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    if (mode == Mode.UPSERT && !compacted) {
      return Optional.of(
          "target topic "
              + target
              + " exists with cleanup.policy="
              + policy.get()
              + "; upsert mode needs a compacted topic (cleanup.policy=compact), or use"
              + " mode=standard");
    }
    if (mode == Mode.STANDARD && compacted) {
      return Optional.of(
          "target topic "
              + target
              + " is compacted (cleanup.policy="
              + policy.get()
              + "): compaction would drop the events of mode=standard");
    }
    return Optional.empty();
  }

  /**
   * Makes sure the target of {@code inputTopic} exists with the right policy, once per target; a
   * broken target fails the task (non-retriable), an unreachable cluster retries.
   */
  public void ensure(Admin admin, String inputTopic, long timeoutMs) {
    String target = target(inputTopic);
    if (checked.contains(target)) {
      return;
    }
    try {
      Optional<String> problem = problem(admin, inputTopic, timeoutMs);
      if (problem.isPresent()) {
        throw new ConnectException(problem.get());
      }
      if (cleanupPolicy(admin, target, timeoutMs).isEmpty()) {
        create(admin, target, inputTopic, timeoutMs);
      }
      checked.add(target);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while checking target topic " + target, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new RetriableException(
          "Cannot check target topic " + target + " on the target cluster: " + cause, cause);
    }
  }

  private void create(Admin admin, String target, String inputTopic, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    int count =
        partitions > 0 ? partitions : partitionCount(admin, inputTopic, timeoutMs).orElseThrow();
    NewTopic topic =
        new NewTopic(target, Optional.of(count), Optional.of(replicationFactor))
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy()));
    try {
      admin.createTopics(java.util.List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
      // Another task created it at the same time: check its policy like any existing target.
      Optional<String> problem = problem(admin, inputTopic, timeoutMs);
      if (problem.isPresent()) {
        throw new ConnectException(problem.get());
      }
    }
  }

  private static Optional<String> cleanupPolicy(Admin admin, String topic, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(java.util.List.of(resource))
              .all()
              .get(timeoutMs, TimeUnit.MILLISECONDS);
      return Optional.of(configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Optional<Integer> partitionCount(Admin admin, String topic, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      TopicDescription description =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(timeoutMs, TimeUnit.MILLISECONDS)
              .get(topic);
      return Optional.of(description.partitions().size());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
