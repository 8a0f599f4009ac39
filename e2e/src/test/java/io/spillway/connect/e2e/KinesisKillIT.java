package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import io.spillway.connect.testkit.KinesisStreams.StreamRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The Kinesis sink on two real distributed workers, one killed with SIGKILL mid-stream: every
 * record reaches the kinesalite stream at least once, and the first arrivals of each key are in
 * offset order (ordering=key holds across the crash and the replay).
 */
class KinesisKillIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "clicks";
  private static final String STREAM = "clicks-stream";
  private static final int KEYS = 500;

  @Test
  void twoWorkersOneKilledMidStreamLoseNoRecord() throws Exception {
    try (Kinesalite kinesalite = Kinesalite.launch();
        KinesisStreams streams = kinesalite.streams();
        LocalKafka kafka = LocalKafka.start(List.of("connector-kinesis-sink"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
      }
      Worker first = Worker.distributed(kafka, "worker-1", Map.of());
      Worker second = Worker.distributed(kafka, "worker-2", Map.of());
      produce(kafka, 0, 20_000);
      second.create("clicks-kinesis-sink", connector(kinesalite));
      streams.awaitRecords(STREAM, 1_000, Duration.ofSeconds(120));

      first.process.destroyForcibly(); // kill -9, mid-stream
      first.process.waitFor(30, TimeUnit.SECONDS);
      produce(kafka, 20_000, 40_000);

      Set<Long> expected = new HashSet<>();
      for (long n = 0; n < 40_000; n++) {
        expected.add(n);
      }
      Map<String, List<Long>> firstArrivals =
          firstArrivalsByKey(
              streams.awaitRecords(
                  STREAM,
                  Duration.ofSeconds(240),
                  "all 40,000 records in " + STREAM,
                  records -> {
                    Set<Long> seen = new HashSet<>();
                    firstArrivalsByKey(records).values().forEach(seen::addAll);
                    return seen.equals(expected);
                  }));
      firstArrivals.forEach(
          (key, ns) -> {
            List<Long> sorted = new ArrayList<>(ns);
            sorted.sort(null);
            assertEquals(sorted, ns, "first arrivals of " + key + " in offset order");
          });
      System.out.println("sink: " + second.status("clicks-kinesis-sink"));
    }
  }

  private static Map<String, List<Long>> firstArrivalsByKey(List<StreamRecord> records) {
    Map<String, List<Long>> byKey = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    for (StreamRecord record : records) {
      try {
        JsonNode envelope = JSON.readTree(record.data());
        long n = JSON.readTree(envelope.get("_airbyte_data").asText()).get("n").asLong();
        if (seen.add(n)) {
          byKey.computeIfAbsent(record.partitionKey(), k -> new ArrayList<>()).add(n);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return byKey;
  }

  /** Records n in [from, to): key user-(n % KEYS), so each key's n grow with its offsets. */
  private static void produce(LocalKafka kafka, long from, long to) throws Exception {
    Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrap(), "linger.ms", 10);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (long n = from; n < to; n++) {
        producer.send(new ProducerRecord<>(TOPIC, "user-" + n % KEYS, "{\"n\":" + n + "}"));
      }
      producer.flush();
    }
  }

  private static Map<String, String> connector(Kinesalite kinesalite) {
    Map<String, String> config = kinesalite.sinkConnection();
    config.put("connector.class", "io.spillway.connect.kinesis.KinesisSinkConnector");
    config.put("topics", TOPIC);
    config.put("tasks.max", "4");
    config.put("stream.name.format", STREAM);
    config.put("stream.shard.count", "2");
    config.put("record.format", "airbyte");
    config.put("partition.key", "record_key");
    config.put("ordering", "key");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }
}
