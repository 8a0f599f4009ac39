package io.spillway.connect.flinkupsert.combine;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The input partitions a task owns, checked to be co-assigned: whoever owns partition p of one
 * input must own partition p of every input, or the rows of a key would be merged in two tasks.
 * Range assignment over co-partitioned inputs gives exactly that.
 */
final class CoAssignment {
  private final List<String> inputs;
  private final Set<TopicPartition> owned = new HashSet<>();

  CoAssignment(List<String> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  /** Adds assigned partitions; fails when some partition p lacks the p of another input. */
  void assigned(Collection<TopicPartition> partitions) {
    owned.addAll(partitions);
    for (TopicPartition tp : owned) {
      for (String input : inputs) {
        if (!owned.contains(new TopicPartition(input, tp.partition()))) {
          throw new ConnectException(
              "combine=merge needs partition "
                  + tp.partition()
                  + " of every input topic in the same task, but this task was assigned "
                  + tp
                  + " without "
                  + input
                  + "-"
                  + tp.partition()
                  + " (it holds "
                  + new TreeSet<>(owned.stream().map(TopicPartition::toString).toList())
                  + "). The input topics "
                  + inputs
                  + " must have the same partition count, and the sink's consumer must use range"
                  + " assignment: set "
                  + CombineValidation.STRATEGY_KEY
                  + "="
                  + CombineValidation.RANGE_ASSIGNOR);
        }
      }
    }
  }

  void revoked(Collection<TopicPartition> partitions) {
    owned.removeAll(partitions);
  }

  /** Whether some input's partition p is still owned. */
  boolean owns(int partition) {
    for (String input : inputs) {
      if (owned.contains(new TopicPartition(input, partition))) {
        return true;
      }
    }
    return false;
  }
}
