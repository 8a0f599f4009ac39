package io.spillway.connect.kafkasource.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Spreads partitions over tasks round-robin in (topic, partition) order, so each topic's partitions
 * land on different tasks, and encodes a task's share as {@code topic:partition,...} (topic names
 * cannot contain ':' or ',').
 */
public final class PartitionAssignment {
  private PartitionAssignment() {}

  public static List<List<TopicPartition>> spread(List<TopicPartition> partitions, int maxTasks) {
    int tasks = Math.min(maxTasks, partitions.size());
    List<List<TopicPartition>> assignment = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      assignment.add(new ArrayList<>());
    }
    List<TopicPartition> sorted = new ArrayList<>(partitions);
    sorted.sort(PartitionDiscovery.ORDER);
    for (int i = 0; i < sorted.size(); i++) {
      assignment.get(i % tasks).add(sorted.get(i));
    }
    return assignment;
  }

  public static String encode(List<TopicPartition> partitions) {
    return partitions.stream()
        .map(tp -> tp.topic() + ":" + tp.partition())
        .collect(Collectors.joining(","));
  }

  public static List<TopicPartition> decode(String encoded) {
    List<TopicPartition> partitions = new ArrayList<>();
    if (encoded == null || encoded.isBlank()) {
      return partitions;
    }
    for (String item : encoded.split(",")) {
      int colon = item.lastIndexOf(':');
      partitions.add(
          new TopicPartition(
              item.substring(0, colon), Integer.parseInt(item.substring(colon + 1))));
    }
    return partitions;
  }
}
