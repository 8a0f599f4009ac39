package io.spillway.connect.kafkasource.it;

import io.spillway.connect.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** The external cluster a user replicates from: a second in-JVM Kafka cluster. */
final class SourceCluster implements AutoCloseable {
  private final EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
  private final KafkaProducer<byte[], byte[]> producer;

  SourceCluster() {
    kafka.start();
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Ordered retries without producer sequence numbers: an idempotent producer that races a new
    // topic's leader election can wedge on OUT_OF_ORDER_SEQUENCE_NUMBER in a one-broker cluster.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producer = new KafkaProducer<>(props);
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Creates the topic and waits until every partition has a leader. */
  void createTopic(String topic, int partitions) {
    kafka.createTopic(topic, partitions);
    Await.until(
        Duration.ofSeconds(30),
        "leaders for every partition of " + topic,
        () -> {
          List<PartitionInfo> infos = producer.partitionsFor(topic);
          return infos.size() == partitions && infos.stream().allMatch(i -> i.leader() != null);
        });
  }

  static Header header(String key, String value) {
    return new RecordHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  void send(String topic, int partition, byte[] key, byte[] value, Header... headers) {
    try {
      producer
          .send(new ProducerRecord<>(topic, partition, null, key, value, List.of(headers)))
          .get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot produce to the source cluster", e);
    }
  }

  void send(String topic, int partition, String key, String value, Header... headers) {
    send(topic, partition, utf8(key), utf8(value), headers);
  }

  /** Sends without waiting for each acknowledgement; flushes at the end. */
  void sendMany(String topic, int partitions, int count, IntFunction<byte[]> value) {
    sendMany(topic, partitions, 0, count, value);
  }

  /**
   * Sends records {@code from} (inclusive) to {@code to} (exclusive), record i to partition i % n.
   */
  void sendMany(String topic, int partitions, int from, int to, IntFunction<byte[]> value) {
    for (int i = from; i < to; i++) {
      producer.send(new ProducerRecord<>(topic, i % partitions, utf8("k" + i), value.apply(i)));
    }
    producer.flush();
  }

  /** Stops the brokers (an outage of the user's cluster); {@link #restartBrokers} ends it. */
  void stopBrokers() {
    kafka.stopOnlyBrokers();
  }

  /** Starts the stopped brokers again, on the same ports and with the same logs. */
  void restartBrokers() {
    kafka.restartOnlyBrokers();
  }

  @Override
  public void close() {
    producer.close();
    kafka.stop();
  }
}
