package io.spillway.connect.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Byte consumers that read a whole topic from its start, as the raw loops and checks do. */
final class TopicReader {
  private TopicReader() {}

  /**
   * A consumer assigned every partition of the topic, at its beginning (no group, no commits);
   * {@code maxPollRecords} 0 keeps the consumer's default.
   */
  static KafkaConsumer<byte[], byte[]> fromBeginning(
      String bootstrap, String topic, int maxPollRecords) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    if (maxPollRecords > 0) {
      props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    }
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return consumer;
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }
}
