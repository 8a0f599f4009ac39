package io.spillway.connect.flinkupsert.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * A target topic read back with a plain consumer, as a Flink or Kafka Streams reader would: every
 * record, and the final compacted table those records leave (latest value per key, null for a
 * tombstone), with the key and value decoded as each test needs.
 */
final class TargetTopic {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private TargetTopic() {}

  /**
   * Every record of {@code topic} up to its end offsets at the time of the call, in offset order
   * per partition; fewer if the end is not reached in time (callers await the state they expect).
   */
  static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + READ_TIMEOUT.toMillis();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** The compacted state a reader ends with: latest value per key, null for a tombstone. */
  static <R, K, V> Map<K, V> compacted(List<R> records, Function<R, K> key, Function<R, V> value) {
    Map<K, V> state = new HashMap<>();
    for (R record : records) {
      state.put(key.apply(record), value.apply(record));
    }
    return state;
  }

  /** The partition Kafka's default partitioner (and Flink's sink) gives {@code key}. */
  static int murmur2Partition(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
