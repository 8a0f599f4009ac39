package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spillway.connect.e2e.ShopEvents.Sent;
import io.spillway.connect.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source and two Flink upsert sinks in one real worker process: the source copies a topic
 * of the source cluster (keys, repeated headers, a tombstone) as flattened rows into the Connect
 * cluster's topic {@value #ROWS_TOPIC}; one sink keys the rows by the source record's {@code key}
 * (the latest event per source key), the other by the source position {@code {partition, offset}}
 * (the full history, one event per source record). Both targets, read back as Flink's upsert reader
 * reads them, are valid upsert topics (compacted, JSON keys of the key fields in their murmur2
 * partition) holding exactly the rows an independent model of the source records expects.
 */
class KafkaSourceToFlinkUpsertIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROWS_TOPIC = "events";
  private static final String LATEST = "events-latest";
  private static final String HISTORY = "events-history";
  private static final DateTimeFormatter SQL_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Test
  void flattenedRowsKeyedByKeyOrPositionMakeValidUpsertTopics() throws Exception {
    try (LocalKafka kafka =
        LocalKafka.start(List.of("connector-kafka-source", "connector-flink-upsert"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin
            .createTopics(List.of(new NewTopic(ShopEvents.SOURCE_TOPIC, 3, (short) 1)))
            .all()
            .get();
      }
      List<Sent> sent = ShopEvents.produce(kafka.bootstrap());
      Worker worker =
          Worker.distributed(
              kafka, "worker-1", Map.of("SPILLWAY_SOURCE_BOOTSTRAP", kafka.bootstrap()));
      worker.create("events-source", sourceConfig());
      // The sinks size their targets like their input (target.partitions=-1): the rows topic first.
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        Await.until(
            Duration.ofSeconds(120),
            "topic " + ROWS_TOPIC,
            () -> {
              try {
                return admin.listTopics().names().get().contains(ROWS_TOPIC);
              } catch (Exception e) {
                return false;
              }
            });
      }
      worker.create("events-latest-sink", sinkConfig(kafka, LATEST, "key"));
      worker.create("events-history-sink", sinkConfig(kafka, HISTORY, "partition,offset"));

      Map<JsonNode, JsonNode> history = new HashMap<>();
      Map<JsonNode, JsonNode> latest = new HashMap<>();
      Map<String, Long> latestOffset = new HashMap<>();
      for (Sent record : sent) {
        JsonNode row = row(record);
        ObjectNode position = JSON.createObjectNode();
        position.put("partition", record.partition()).put("offset", record.offset());
        history.put(normalized(position), row);
        // A source key lives in one source partition: its latest record has the highest offset.
        if (record.offset() >= latestOffset.getOrDefault(record.key(), -1L)) {
          latestOffset.put(record.key(), record.offset());
          latest.put(normalized(JSON.createObjectNode().put("key", record.key())), row);
        }
      }
      assertTarget(kafka, LATEST, List.of("key"), latest);
      assertTarget(kafka, HISTORY, List.of("partition", "offset"), history);
      System.out.println("source: " + worker.status("events-source"));
      System.out.println("latest: " + worker.status("events-latest-sink"));
      System.out.println("history: " + worker.status("events-history-sink"));
    }
  }

  private static void assertTarget(
      LocalKafka kafka, String target, List<String> keyFields, Map<JsonNode, JsonNode> model)
      throws Exception {
    UpsertTopic.State state =
        Await.value(
            Duration.ofSeconds(180),
            "the " + model.size() + " keys of " + target,
            () -> UpsertTopic.read(kafka.bootstrap(), target),
            read -> read.table().equals(model),
            read -> read.records() + " records, " + read.table().size() + " keys");
    assertEquals(List.of(), state.violations(), target + ": records breaking the format");
    assertEquals(model, state.table(), target);
    assertEquals("compact", UpsertTopic.cleanupPolicy(kafka.bootstrap(), target), target);
    for (JsonNode key : state.table().keySet()) {
      List<String> names = new ArrayList<>();
      key.fieldNames().forEachRemaining(names::add);
      assertEquals(keyFields, names, target + ": the key holds the key fields in key order");
    }
  }

  /**
   * The flattened row of a source record as the sink writes it (value.fields-include=ALL): every
   * column in order, the timestamp in Flink's SQL form (UTC, fraction without trailing zeros).
   */
  private static JsonNode row(Sent record) {
    ObjectNode row = JSON.createObjectNode();
    row.put("partition", record.partition());
    row.put("offset", record.offset());
    row.put("timestamp", sqlTimestamp(record.timestamp()));
    row.put("timestamp_type", "CreateTime");
    row.put("key", record.key());
    row.put("headers", "{\"trace_0\":\"" + record.trace() + "\",\"trace_1\":\"second\"}");
    row.put("value", record.value());
    return normalized(row);
  }

  /** The node as a reader parses it (a small long becomes an int node, as in the target). */
  private static JsonNode normalized(JsonNode node) {
    return UpsertTopic.json(node.toString());
  }

  private static String sqlTimestamp(long millis) {
    LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    String fraction = String.format("%03d", millis % 1000).replaceAll("0+$", "");
    return at.format(SQL_SECONDS) + (fraction.isEmpty() ? "" : "." + fraction);
  }

  private static Map<String, String> sourceConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.kafkasource.KafkaSourceConnector");
    config.put("tasks.max", "2");
    config.put("source.bootstrap.servers", "${env:SPILLWAY_SOURCE_BOOTSTRAP}");
    config.put("topics", ShopEvents.SOURCE_TOPIC);
    config.put("destination.topic.format", ROWS_TOPIC);
    config.put("flatten.mode", "packed");
    // destination.partitioning=source (default): a source key's rows stay in one partition, in
    // order, so the latest row per key is the last one the sink sees.
    config.put("topic.creation.default.replication.factor", "-1");
    config.put("topic.creation.default.partitions", "3");
    return config;
  }

  private static Map<String, String> sinkConfig(LocalKafka kafka, String target, String keys) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector");
    config.put("topics", ROWS_TOPIC);
    config.put("tasks.max", "2");
    config.put("target.bootstrap.servers", kafka.bootstrap());
    config.put("target.topic", target);
    config.put("key.fields", keys);
    return config;
  }
}
