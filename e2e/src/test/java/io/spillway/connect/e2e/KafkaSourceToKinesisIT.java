package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.e2e.ShopEvents.Sent;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source and the Kinesis sink in one real worker process: the source copies a topic of
 * the source cluster (keys, headers, a tombstone) as flattened rows into the Connect cluster's
 * topic, the sink ({@code record.format=flat}) writes that topic to a kinesalite stream. Every
 * source record arrives at least once, and its Kinesis record carries the source record's
 * partition, offset, key, headers and value.
 */
class KafkaSourceToKinesisIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOURCE_TOPIC = ShopEvents.SOURCE_TOPIC;
  private static final String ROWS_TOPIC = "events";
  private static final String STREAM = "events-stream";
  private static final int RECORDS = ShopEvents.RECORDS;

  @Test
  void everySourceRecordReachesKinesisWithItsPositionKeyHeadersAndValue() throws Exception {
    try (Kinesalite kinesalite = Kinesalite.launch();
        KinesisStreams streams = kinesalite.streams();
        LocalKafka kafka =
            LocalKafka.start(List.of("connector-kafka-source", "connector-kinesis-sink"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(SOURCE_TOPIC, 3, (short) 1))).all().get();
      }
      Map<String, Sent> sent = produce(kafka);
      Worker worker =
          Worker.distributed(
              kafka, "worker-1", Map.of("SPILLWAY_SOURCE_BOOTSTRAP", kafka.bootstrap()));
      // The sink first, as a user who deploys both at once may: its consumers join their group
      // while the topic they subscribe to does not exist yet.
      worker.create("events-kinesis-sink", sinkConfig(kinesalite));
      awaitStableGroup(kafka, "connect-events-kinesis-sink");
      worker.create("events-source", sourceConfig());

      long started = System.nanoTime();
      Map<String, JsonNode> rows =
          byPosition(
              streams.awaitRecords(
                  STREAM,
                  Duration.ofSeconds(180),
                  "all " + RECORDS + " source records in " + STREAM,
                  records -> byPosition(records).keySet().containsAll(sent.keySet())));
      System.out.printf(
          "all %d records in Kinesis %d ms after the connectors were created%n",
          RECORDS, Duration.ofNanos(System.nanoTime() - started).toMillis());
      assertEquals(sent.keySet(), rows.keySet(), "no row of a record that was never sent");
      for (Sent record : sent.values()) {
        JsonNode row = rows.get(record.partition() + "/" + record.offset());
        assertEquals(record.timestamp(), row.get("timestamp").asLong(), row.toString());
        assertEquals(record.key(), row.get("key").asText(), row.toString());
        JsonNode headers = JSON.readTree(row.get("headers").asText());
        assertEquals(record.trace(), headers.get("trace_0").asText(), row.toString());
        assertEquals("second", headers.get("trace_1").asText(), row.toString());
        if (record.value() == null) {
          assertTrue(row.get("value").isNull(), "the tombstone's value is null: " + row);
        } else {
          assertEquals(record.value(), row.get("value").asText(), row.toString());
        }
      }
      List<String> errors =
          Files.readAllLines(kafka.dir.resolve("worker-1.log")).stream()
              .filter(line -> line.contains(" ERROR "))
              .toList();
      assertEquals(List.of(), errors, "errors in the worker's log");
      System.out.println("source: " + worker.status("events-source"));
      System.out.println("sink: " + worker.status("events-kinesis-sink"));
    }
  }

  private static void awaitStableGroup(LocalKafka kafka, String group) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
      Await.until(
          Duration.ofSeconds(120),
          "consumer group " + group + " stable",
          () -> {
            try {
              return admin
                      .describeConsumerGroups(List.of(group))
                      .all()
                      .get()
                      .get(group)
                      .groupState()
                  == GroupState.STABLE;
            } catch (ExecutionException e) {
              return false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          });
    }
  }

  /** Rows by source position "partition/offset"; a row read twice must be the same row. */
  private static Map<String, JsonNode> byPosition(List<KinesisStreams.StreamRecord> records) {
    Map<String, JsonNode> rows = new HashMap<>();
    for (KinesisStreams.StreamRecord record : records) {
      try {
        JsonNode row = JSON.readTree(record.data());
        String position = row.get("partition").asInt() + "/" + row.get("offset").asLong();
        JsonNode earlier = rows.putIfAbsent(position, row);
        assertTrue(earlier == null || earlier.equals(row), "a replay differs: " + row);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return rows;
  }

  /** The source records by "partition/offset". */
  private static Map<String, Sent> produce(LocalKafka kafka)
      throws InterruptedException, ExecutionException {
    Map<String, Sent> sent = new HashMap<>();
    for (Sent record : ShopEvents.produce(kafka.bootstrap())) {
      sent.put(record.partition() + "/" + record.offset(), record);
    }
    return sent;
  }

  private static Map<String, String> sourceConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.kafkasource.KafkaSourceConnector");
    config.put("tasks.max", "2");
    config.put("source.bootstrap.servers", "${env:SPILLWAY_SOURCE_BOOTSTRAP}");
    config.put("topics", SOURCE_TOPIC);
    config.put("destination.topic.format", ROWS_TOPIC);
    config.put("flatten.mode", "packed");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("topic.creation.default.replication.factor", "-1");
    config.put("topic.creation.default.partitions", "3");
    return config;
  }

  private static Map<String, String> sinkConfig(Kinesalite kinesalite) {
    Map<String, String> config = kinesalite.sinkConnection();
    config.put("connector.class", "io.spillway.connect.kinesis.KinesisSinkConnector");
    config.put("topics", ROWS_TOPIC);
    config.put("tasks.max", "2");
    config.put("stream.name.format", STREAM);
    config.put("stream.shard.count", "2");
    config.put("record.format", "flat");
    config.put("partition.key", "record_key");
    config.put("ordering", "key");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    return config;
  }
}
