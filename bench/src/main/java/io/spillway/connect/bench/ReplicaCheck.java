package io.spillway.connect.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a copied topic holds exactly the source's orders: per partition as many records as the
 * source partition (none lost, none twice), and each partition's last record is the source's last
 * one of that partition (byte for byte for MirrorMaker 2, the same order id for Spillway's rows).
 * {@link SourceReplicationBenchmark} produces order {@code i} to partition {@code i % partitions}.
 */
final class ReplicaCheck {
  private ReplicaCheck() {}

  static void verify(
      String bootstrap, String destination, int partitions, long records, boolean sameBytes) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all =
          java.util.stream.IntStream.range(0, partitions)
              .mapToObj(p -> new TopicPartition(destination, p))
              .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
      for (TopicPartition partition : all) {
        long expected =
            records > partition.partition()
                ? (records - partition.partition() + partitions - 1) / partitions
                : 0;
        long end = ends.getOrDefault(partition, -1L);
        if (end != expected) {
          throw new IllegalStateException(
              String.format(
                  "%s holds %d records, expected %d (source partition %d)",
                  partition, end, expected, partition.partition()));
        }
        if (expected > 0) {
          long lastOrder = partition.partition() + (expected - 1) * partitions;
          checkLast(consumer, partition, end - 1, lastOrder, sameBytes);
        }
      }
    }
  }

  private static void checkLast(
      KafkaConsumer<byte[], byte[]> consumer,
      TopicPartition partition,
      long offset,
      long order,
      boolean sameBytes) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, offset);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.offset() != offset) {
          continue;
        }
        byte[] value = record.value();
        boolean right =
            sameBytes
                ? Arrays.equals(value, OrderJson.value(order))
                : Pattern.compile("order_id\\\\?\"\\s*:\\s*" + order + "[,}]")
                    .matcher(new String(value, StandardCharsets.UTF_8))
                    .find();
        if (!right) {
          throw new IllegalStateException(
              partition
                  + " offset "
                  + offset
                  + " is not order "
                  + order
                  + ": "
                  + new String(value, StandardCharsets.UTF_8));
        }
        return;
      }
    }
    throw new IllegalStateException("Cannot read " + partition + " offset " + offset);
  }
}
