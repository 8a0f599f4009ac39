package io.spillway.connect.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw byte producer and consumer against the embedded broker. Our own clients (rather than the
 * embedded cluster's helpers) so tests control headers, partitions and timestamps exactly.
 */
final class KafkaIo implements AutoCloseable {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private KafkaProducer<byte[], byte[]> producer;

  KafkaIo(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Sends and waits for the ack, so the returned offset can be asserted on. */
  synchronized RecordMetadata produce(ProducerRecord<byte[], byte[]> record) {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.LINGER_MS_CONFIG,
                  0),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }
    try {
      return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Producing to " + record.topic() + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Producing to " + record.topic() + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while producing", e);
    }
  }

  /**
   * Assigns every partition of {@code topic} (no consumer group, so no rebalance delay), seeks to
   * the beginning and polls until {@code count} records arrived.
   */
  List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            // Looking at a topic must not create it (brokers auto-create by default).
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          Await.value(
              timeout,
              "partitions of topic '" + topic + "'",
              () -> partitions(consumer.partitionsFor(topic, Duration.ofSeconds(1))),
              list -> !list.isEmpty());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Await.value(
          Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
          count + " record(s) from topic '" + topic + "'",
          () -> {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return records.size();
          },
          size -> size >= count);
    }
    return records;
  }

  private static List<TopicPartition> partitions(List<PartitionInfo> infos) {
    List<TopicPartition> partitions = new ArrayList<>();
    if (infos == null) {
      return partitions;
    }
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    return partitions;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
