package io.spillway.connect.kafkasource;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * How positions live in Connect's offset storage: source partition {@code {cluster, topic,
 * partition}}, offset {@code {offset}} = the next offset to read. The REST offsets API reads and
 * writes exactly these maps.
 */
public final class SourcePositions {
  public static final String CLUSTER = "cluster";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";

  private SourcePositions() {}

  /**
   * A HashMap on purpose: Connect stores positions under the serialized map, and re-serializes the
   * HashMaps its JSON converter reads back when the offsets REST API resets or alters them. With
   * {@code Map.of} (per-JVM iteration order) those bytes differ and a reset silently misses.
   */
  public static Map<String, Object> sourcePartition(String cluster, TopicPartition partition) {
    Map<String, Object> map = new HashMap<>();
    map.put(CLUSTER, cluster);
    map.put(TOPIC, partition.topic());
    map.put(PARTITION, partition.partition());
    return map;
  }

  public static Map<String, Object> sourceOffset(long nextOffset) {
    Map<String, Object> map = new HashMap<>();
    map.put(OFFSET, nextOffset);
    return map;
  }

  /** The stored next offset, or {@code null} when none is stored. */
  public static Long nextOffset(Map<String, ?> offset) {
    if (offset == null || offset.get(OFFSET) == null) {
      return null;
    }
    Object value = offset.get(OFFSET);
    if (!(value instanceof Number number) || number.longValue() < 0) {
      throw new ConnectException("Stored offset " + offset + " is not a non-negative number");
    }
    return number.longValue();
  }

  /** Checks a partition/offset pair given to the REST offsets API; throws naming the problem. */
  public static void validate(Map<String, ?> partition, Map<String, ?> offset) {
    if (partition == null
        || !(partition.get(CLUSTER) instanceof String)
        || !(partition.get(TOPIC) instanceof String)
        || !(partition.get(PARTITION) instanceof Number)) {
      throw new ConnectException(
          "A source partition must be {\"cluster\": string, \"topic\": string, \"partition\":"
              + " number}, got "
              + partition);
    }
    if (offset != null) {
      if (offset.keySet().size() != 1 || !offset.containsKey(OFFSET)) {
        throw new ConnectException("An offset must be {\"offset\": number} or null, got " + offset);
      }
      nextOffset(offset);
    }
  }
}
