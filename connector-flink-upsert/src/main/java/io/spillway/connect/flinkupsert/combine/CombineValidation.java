package io.spillway.connect.flinkupsert.combine;

import io.spillway.connect.flinkupsert.config.FormatConfig;
import io.spillway.connect.flinkupsert.config.TargetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What combine=merge needs of a configuration: one target, formats it can read back, the input
 * topics listed, range assignment, and co-partitioned inputs and target (same partition count),
 * since input partition p is merged in one task and written to target partition p.
 */
public final class CombineValidation {
  public static final String STRATEGY_KEY = "consumer.override.partition.assignment.strategy";
  public static final String RANGE_ASSIGNOR = "org.apache.kafka.clients.consumer.RangeAssignor";
  public static final String TOPICS_REGEX = "topics.regex";

  private CombineValidation() {}

  /**
   * Problems found in the settings alone, as (key to fix, problem).
   *
   * @param originals the connector's settings as given (Connect's keys included)
   */
  public static List<Map.Entry<String, String>> settingProblems(
      Map<String, String> originals, String targetTopic, String keyFormat, String valueFormat) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    if (targetTopic.isEmpty()) {
      errors.add(
          Map.entry(
              TargetConfig.TARGET_TOPIC,
              "combine=merge writes every input topic into one target: set target.topic"));
    }
    if (!FormatConfig.JSON.equals(valueFormat)) {
      errors.add(
          Map.entry(
              FormatConfig.VALUE_FORMAT,
              "combine=merge reads its merged rows back from the target and supports"
                  + " value.format=json only, not "
                  + valueFormat));
    }
    if (FormatConfig.AVRO_CONFLUENT.equals(keyFormat)) {
      errors.add(
          Map.entry(
              FormatConfig.KEY_FORMAT,
              "combine=merge matches keys by their bytes and supports key.format json or raw,"
                  + " not avro-confluent"));
    }
    String regex = originals.get(TOPICS_REGEX);
    if (regex != null && !regex.isBlank()) {
      errors.add(
          Map.entry(
              TOPICS_REGEX,
              "combine=merge checks that its inputs are co-partitioned: list them in topics"));
    }
    String strategy = strategyProblem(originals.get(STRATEGY_KEY));
    if (strategy != null) {
      errors.add(Map.entry(STRATEGY_KEY, strategy));
    }
    return errors;
  }

  /**
   * The problem with a {@code partition.assignment.strategy} override, or null when it is fine: the
   * consumer uses the first assignor every member supports, so it must be the range one.
   */
  static String strategyProblem(String strategy) {
    if (strategy == null || strategy.isBlank()) {
      return null; // the consumer's default list starts with RangeAssignor
    }
    String first = strategy.split(",")[0].trim();
    if (RANGE_ASSIGNOR.equals(first)) {
      return null;
    }
    return "combine=merge needs partition p of every input topic in the same task, which range"
        + " assignment gives: set "
        + STRATEGY_KEY
        + "="
        + RANGE_ASSIGNOR
        + " (or leave it unset: the consumer's default list starts with it), not "
        + first;
  }

  /**
   * Co-partitioning on the cluster the admin talks to (the target cluster): the inputs found there
   * must share one partition count, and the target (existing, or to be created with {@code
   * targetPartitions} when that is set) must have it too. Inputs that live on another cluster
   * cannot be counted here; the tasks check their assignment instead.
   */
  public static List<Map.Entry<String, String>> partitionProblems(
      Admin admin, List<String> inputs, String target, int targetPartitions, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Integer> inputCounts = new LinkedHashMap<>();
    for (String input : inputs) {
      Integer count = partitionCount(admin, input, timeoutMs);
      if (count != null) {
        inputCounts.put(input, count);
      }
    }
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    if (inputCounts.values().stream().distinct().count() > 1) {
      errors.add(
          Map.entry(
              "topics",
              "combine=merge needs co-partitioned input topics (the same partition count), but "
                  + counts(inputCounts)));
      return errors;
    }
    if (inputCounts.isEmpty()) {
      return errors;
    }
    int inputCount = inputCounts.values().iterator().next();
    Integer targetCount = partitionCount(admin, target, timeoutMs);
    if (targetCount != null && targetCount != inputCount) {
      errors.add(
          Map.entry(
              TargetConfig.TARGET_TOPIC,
              "combine=merge writes input partition p to target partition p, but target topic "
                  + target
                  + " has "
                  + targetCount
                  + " partitions and "
                  + counts(inputCounts)));
    } else if (targetCount == null && targetPartitions > 0 && targetPartitions != inputCount) {
      errors.add(
          Map.entry(
              TargetConfig.TARGET_PARTITIONS,
              "combine=merge writes input partition p to target partition p, but target.partitions"
                  + " is "
                  + targetPartitions
                  + " and "
                  + counts(inputCounts)
                  + " (use -1: as many as the inputs)"));
    }
    return errors;
  }

  private static String counts(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((topic, count) -> parts.add(topic + " has " + count + " partitions"));
    return String.join(", ", parts);
  }

  private static Integer partitionCount(Admin admin, String topic, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    KafkaFuture<Map<String, TopicDescription>> described =
        admin.describeTopics(List.of(topic)).allTopicNames();
    try {
      return described.get(timeoutMs, TimeUnit.MILLISECONDS).get(topic).partitions().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }
}
