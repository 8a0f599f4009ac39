package io.spillway.connect.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a user writes without the sink: consume the input and send every record, unreduced, with an
 * idempotent acks=all producer to a compacted target, the record's key and value bytes as they are
 * (what the sink writes with key.format=raw and a compact JSON value) and its timestamp; done when
 * every send is acknowledged.
 */
final class RawUpsertProducerLoop {
  static final String SETTINGS =
      "KafkaConsumer (max.poll.records=2000) + one KafkaProducer<byte[], byte[]>: acks=all,"
          + " enable.idempotence=true, all other producer settings at their defaults; every record"
          + " sent with its key, value and timestamp to a compacted target of as many partitions"
          + " (created in the timed section, as the sink does)";

  private final String bootstrap;

  RawUpsertProducerLoop(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Seconds to copy every record of {@code topic} into a new compacted topic {@code target}. */
  double run(String topic, int records, String target, int partitions) throws Exception {
    long start = System.nanoTime();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      NewTopic compacted =
          new NewTopic(target, partitions, (short) -1)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(compacted)).all().get();
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    AtomicLong acknowledged = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
            TopicReader.fromBeginning(bootstrap, topic, 2_000);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      long sent = 0;
      while (sent < records) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          producer.send(
              new ProducerRecord<>(target, null, record.timestamp(), record.key(), record.value()),
              (metadata, error) -> {
                if (error == null) {
                  acknowledged.incrementAndGet();
                } else {
                  failure.compareAndSet(null, error);
                }
              });
          sent++;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the raw producer loop failed", failure.get());
    }
    if (acknowledged.get() != records) {
      throw new IllegalStateException(
          acknowledged.get() + " of " + records + " records acknowledged in the raw loop");
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
