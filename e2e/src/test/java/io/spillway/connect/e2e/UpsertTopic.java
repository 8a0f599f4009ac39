package io.spillway.connect.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * An upsert topic read back the way Flink's upsert-kafka reader (or a Kafka Streams table) reads
 * it: every record from the start, per key the last value wins and a null value deletes the key.
 * Also says where it breaks the format's rules: a key outside its murmur2 partition, a key or value
 * that is not a JSON object.
 */
final class UpsertTopic {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The table a reader ends with (key JSON → value JSON, deleted keys absent), and the records. */
  record State(Map<JsonNode, JsonNode> table, long records, List<String> violations) {}

  private UpsertTopic() {}

  /** Reads the whole topic up to its current end offsets. */
  static State read(String bootstrap, String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000);
    Map<JsonNode, JsonNode> table = new HashMap<>();
    List<String> violations = new ArrayList<>();
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist yet");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(topic, record.partition()))) {
            continue; // written after the end offsets were taken: the next read sees it
          }
          records++;
          apply(record, partitions.size(), table, violations);
        }
      }
    }
    return new State(table, records, violations);
  }

  private static void apply(
      ConsumerRecord<byte[], byte[]> record,
      int partitions,
      Map<JsonNode, JsonNode> table,
      List<String> violations) {
    String at = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (record.key() == null) {
      violations.add(at + ": no key");
      return;
    }
    int expected = Utils.toPositive(Utils.murmur2(record.key())) % partitions;
    if (record.partition() != expected) {
      violations.add(at + ": key belongs in partition " + expected);
    }
    JsonNode key = parse(record.key(), at, violations);
    if (key == null) {
      return;
    }
    if (record.value() == null) {
      table.remove(key);
      return;
    }
    JsonNode value = parse(record.value(), at, violations);
    if (value != null) {
      table.put(key, value);
    }
  }

  private static JsonNode parse(byte[] bytes, String at, List<String> violations) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        violations.add(at + ": not a JSON object: " + new String(bytes, StandardCharsets.UTF_8));
        return null;
      }
      return node;
    } catch (IOException e) {
      violations.add(at + ": not JSON: " + new String(bytes, StandardCharsets.UTF_8));
      return null;
    }
  }

  /** The topic's cleanup.policy on the broker. */
  static String cleanupPolicy(String bootstrap, String topic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      return config.get("cleanup.policy").value();
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
