package io.spillway.connect.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.kinesis.write.RecordEncoder;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import io.spillway.connect.testkit.KinesisStreams.StreamRecord;
import io.spillway.connect.testkit.TaskHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task against a real kinesalite through the real KPL: everything written is read back from the
 * stream (de-aggregated) and compared.
 */
class KinesisSinkTaskIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Kinesalite kinesalite;
  private static KinesisStreams streams;

  @BeforeAll
  static void startKinesalite() {
    kinesalite = Kinesalite.launch();
    streams = kinesalite.streams();
  }

  @AfterAll
  static void stopKinesalite() {
    streams.close();
    kinesalite.close();
  }

  static Map<String, String> config(String stream) {
    Map<String, String> props = kinesalite.sinkConnection();
    props.put("stream.name.format", stream);
    props.put("kpl.RecordMaxBufferedTime", "50");
    return props;
  }

  static SinkRecord record(String topic, int partition, long offset, String key, Object value) {
    return new SinkRecord(
        topic,
        partition,
        Schema.OPTIONAL_STRING_SCHEMA,
        key,
        null,
        value,
        offset,
        1_700_000_000_000L + offset,
        TimestampType.CREATE_TIME);
  }

  /** Puts until the task has committed every record (or fails after a minute). */
  static Map<TopicPartition, OffsetAndMetadata> commitAll(
      TaskHarness<KinesisSinkTask> harness, Map<TopicPartition, Long> expected) {
    long deadline = System.currentTimeMillis() + 60_000;
    Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    while (System.currentTimeMillis() < deadline) {
      committed = harness.commit();
      if (covers(committed, expected)) {
        return committed;
      }
      harness.put(List.of()); // as the worker does: put drives resends
    }
    throw new AssertionError("not all committed: " + committed + ", expected " + expected);
  }

  static boolean covers(
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> expected) {
    return expected.entrySet().stream()
        .allMatch(
            e ->
                committed.containsKey(e.getKey())
                    && committed.get(e.getKey()).offset() == e.getValue());
  }

  @Test
  void everyRecordIsReadBackWithTheAirbyteEnvelopeAndPerKeyOrder() throws Exception {
    String stream = "orders-envelope";
    Map<String, String> props = config(stream);
    props.put("stream.shard.count", "4");
    List<SinkRecord> sent = new ArrayList<>();
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      TopicPartition p0 = new TopicPartition("orders", 0);
      TopicPartition p1 = new TopicPartition("orders", 1);
      harness.open(p0, p1);
      for (int batch = 0; batch < 10; batch++) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          long offset = batch * 300L + i;
          int partition = i % 2;
          String key = "customer-" + (offset % 25);
          String value = "{\"order\":" + offset + ",\"customer\":\"" + key + "\"}";
          records.add(record("orders", partition, offset, key, value));
        }
        harness.put(records);
        sent.addAll(records);
      }
      Map<TopicPartition, Long> last = new HashMap<>();
      sent.forEach(
          r ->
              last.merge(
                  new TopicPartition(r.topic(), r.kafkaPartition()),
                  r.kafkaOffset() + 1,
                  Math::max));
      commitAll(harness, last);
    }

    assertEquals(4, streams.openShardCount(stream), "created with stream.shard.count");
    List<StreamRecord> read = streams.readAll(stream);
    assertEquals(sent.size(), read.size(), "records read back");
    assertTrue(
        read.stream().anyMatch(r -> r.subSequence() > 0),
        "the KPL aggregated records of a shard (read back de-aggregated)");
    Map<String, SinkRecord> byId = new HashMap<>();
    sent.forEach(r -> byId.put(RecordEncoder.recordId(r).toString(), r));
    Map<String, List<Long>> orderByKey = new LinkedHashMap<>();
    Map<String, Set<String>> shardsByKey = new HashMap<>();
    for (StreamRecord r : read) {
      JsonNode envelope = JSON.readTree(r.data());
      assertEquals(3, envelope.size(), "three envelope fields");
      SinkRecord original = byId.remove(envelope.get("_airbyte_ab_id").asText());
      assertTrue(original != null, "unknown or duplicate _airbyte_ab_id " + envelope);
      assertEquals(original.value(), envelope.get("_airbyte_data").asText());
      assertEquals(original.timestamp(), envelope.get("_airbyte_emitted_at").asLong());
      assertEquals(original.key(), r.partitionKey(), "partition.key=record_key");
      JsonNode data = JSON.readTree(envelope.get("_airbyte_data").asText());
      orderByKey
          .computeIfAbsent(r.partitionKey(), k -> new ArrayList<>())
          .add(data.get("order").asLong());
      shardsByKey.computeIfAbsent(r.partitionKey(), k -> new HashSet<>()).add(r.shardId());
    }
    assertTrue(byId.isEmpty(), "never read back: " + byId.keySet());
    orderByKey.forEach(
        (key, orders) -> {
          List<Long> sorted = new ArrayList<>(orders);
          sorted.sort(null);
          assertEquals(sorted, orders, "order of key " + key);
        });
    shardsByKey.forEach((key, shards) -> assertEquals(1, shards.size(), "one shard per key"));
  }

  @Test
  void anExistingStreamIsUsedAsItIs() {
    String stream = "existing-stream";
    streams.create(stream, 2);
    Map<String, String> props = config(stream);
    props.put("stream.shard.count", "7");
    props.put("record.format", "value");
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(new TopicPartition("t", 0));
      harness.put(List.of(record("t", 0, 0, "a", "plain text"), record("t", 0, 1, "b", "more")));
      commitAll(harness, Map.of(new TopicPartition("t", 0), 2L));
    }
    assertEquals(2, streams.openShardCount(stream), "shard count untouched");
    List<String> values =
        streams.readAll(stream).stream()
            .map(r -> new String(r.data(), StandardCharsets.UTF_8))
            .sorted()
            .toList();
    assertEquals(List.of("more", "plain text"), values);
  }

  @Test
  void putWaitsOnceMaxOutstandingBytesAreInFlight() {
    String stream = "bounded-bytes";
    streams.create(stream, 1);
    Map<String, String> props = config(stream);
    props.put("record.format", "value");
    props.put("max.outstanding.bytes", String.valueOf(128 * 1024));
    int records = 20;
    List<SinkRecord> batch = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      batch.add(record("t", 0, i, "k" + i, String.valueOf((char) ('a' + i)).repeat(64 * 1024)));
    }
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(new TopicPartition("t", 0));
      harness.put(batch);
      // put returned with at most one record of 64 KiB still unacknowledged: the rest is in the
      // stream already, before any flush or commit.
      int inStream = streams.readAll(stream).size();
      assertTrue(inStream >= records - 2, inStream + " records in the stream after put");
      commitAll(harness, Map.of(new TopicPartition("t", 0), (long) records));
    }
    assertEquals(records, streams.readAll(stream).size());
  }

  @Test
  void aMissingStreamFailsWhenCreationIsOff() {
    Map<String, String> props = config("never-created");
    props.put("stream.create", "false");
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(new TopicPartition("t", 0));
      ConnectException error =
          assertThrows(
              ConnectException.class, () -> harness.put(List.of(record("t", 0, 0, "k", "v"))));
      assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
      assertTrue(harness.commit().isEmpty(), "nothing committed");
    }
    assertFalse(streams.exists("never-created"));
  }

  @Test
  void aNullKeyFallsBackToTheRecordUuid() {
    String stream = "null-keys";
    try (TaskHarness<KinesisSinkTask> harness =
        new TaskHarness<>(new KinesisSinkTask(), config(stream))) {
      harness.open(new TopicPartition("t", 0));
      SinkRecord keyless = record("t", 0, 0, null, "{\"a\":1}");
      harness.put(List.of(keyless, record("t", 0, 1, "", "{\"a\":2}")));
      commitAll(harness, Map.of(new TopicPartition("t", 0), 2L));
      List<StreamRecord> read = streams.readAll(stream);
      assertEquals(2, read.size());
      Set<String> keys = new HashSet<>();
      read.forEach(r -> keys.add(r.partitionKey()));
      assertTrue(keys.contains(RecordEncoder.recordId(keyless).toString()), keys.toString());
      // An empty key is not a valid partition key: its SHA-256 stands in for it.
      assertTrue(
          keys.contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
          keys.toString());
    }
  }

  @Test
  void anOversizedRecordGoesToTheDeadLetterQueueAndTheRestIsWritten() {
    String stream = "oversized-dlq";
    Map<String, String> props = config(stream);
    props.put("errors.tolerance", "all");
    props.put("record.format", "value");
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(new TopicPartition("t", 0));
      SinkRecord huge = record("t", 0, 1, "k", "x".repeat(1024 * 1024));
      harness.put(List.of(record("t", 0, 0, "k", "small"), huge, record("t", 0, 2, "k", "after")));
      commitAll(harness, Map.of(new TopicPartition("t", 0), 3L));
      assertEquals(1, harness.reported.size());
      assertEquals(1L, harness.reported.get(0).record().kafkaOffset());
      assertTrue(
          harness.reported.get(0).error().getMessage().contains("at most 1048576"),
          harness.reported.get(0).error().getMessage());
    }
    List<String> values =
        streams.readAll(stream).stream()
            .map(r -> new String(r.data(), StandardCharsets.UTF_8))
            .toList();
    assertEquals(List.of("small", "after"), values, "ordering=key keeps the key's order");
  }

  @Test
  void anUnserialisableValueFailsTheTaskNamingItsPosition() {
    Map<String, String> props = config("unserialisable");
    props.put("errors.tolerance", "none");
    Schema schema = SchemaBuilder.struct().field("ratio", Schema.FLOAT64_SCHEMA).build();
    SinkRecord nan =
        new SinkRecord("t", 3, null, "k", schema, new Struct(schema).put("ratio", Double.NaN), 42L);
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(new TopicPartition("t", 3));
      ConnectException error =
          assertThrows(ConnectException.class, () -> harness.put(List.of(nan)));
      assertTrue(
          error.getMessage().contains("topic 't', partition 3, offset 42"), error.getMessage());
      assertTrue(error.getMessage().contains("NaN"), error.getMessage());
      assertNull(harness.commit().get(new TopicPartition("t", 3)), "offset 42 never committed");
    }
  }

  @Test
  void anEndpointOutageLosesNothingAndCommitsNothingUnwritten() throws Exception {
    String stream = "outage";
    Map<String, String> props = config(stream);
    // The KPL gives up on a record after RecordTtl (30 s by default): 3 s here, so the outage
    // below exercises the sink's own resends too, in a test of seconds.
    props.put("kpl.RecordTtl", "3000");
    props.put("retry.backoff.ms", "200");
    props.put("max.retries", "2");
    TopicPartition tp = new TopicPartition("events", 0);
    List<SinkRecord> sent = new ArrayList<>();
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(tp);
      List<SinkRecord> before = new ArrayList<>();
      for (long offset = 0; offset < 200; offset++) {
        before.add(record("events", 0, offset, "k" + offset % 10, "{\"n\":" + offset + "}"));
      }
      harness.put(before);
      sent.addAll(before);
      commitAll(harness, Map.of(tp, 200L));

      kinesalite.stop();
      List<SinkRecord> during = new ArrayList<>();
      for (long offset = 200; offset < 500; offset++) {
        during.add(record("events", 0, offset, "k" + offset % 10, "{\"n\":" + offset + "}"));
      }
      harness.put(during);
      sent.addAll(during);
      long downUntil = System.currentTimeMillis() + 8_000;
      while (System.currentTimeMillis() < downUntil) {
        try {
          harness.put(List.of());
        } catch (RetriableException e) {
          // past max.retries: the task takes nothing new, as it should
        }
        OffsetAndMetadata committed = harness.commit().get(tp);
        assertEquals(200L, committed.offset(), "no offset past a record not written");
      }
      kinesalite.start();
      long deadline = System.currentTimeMillis() + 60_000;
      while (!covers(harness.commit(), Map.of(tp, 500L))) {
        assertTrue(System.currentTimeMillis() < deadline, "not all written after the outage");
        try {
          harness.put(List.of());
        } catch (RetriableException e) {
          Thread.sleep(50);
        }
      }
    }
    Map<String, List<Long>> orderByKey = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (StreamRecord r : streams.readAll(stream)) {
      JsonNode envelope = JSON.readTree(r.data());
      if (seen.add(envelope.get("_airbyte_ab_id").asText())) {
        long n = JSON.readTree(envelope.get("_airbyte_data").asText()).get("n").asLong();
        orderByKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(n);
      }
    }
    Set<String> expected = new HashSet<>();
    sent.forEach(r -> expected.add(RecordEncoder.recordId(r).toString()));
    assertEquals(expected, seen, "every record at least once");
    orderByKey.forEach(
        (key, ns) -> {
          List<Long> sorted = new ArrayList<>(ns);
          sorted.sort(null);
          assertEquals(sorted, ns, "first arrivals of key " + key + " in order");
        });
  }

  @Test
  void missingCredentialsFailTheTaskWithAClearMessage() {
    Map<String, String> props = config("no-credentials");
    props.remove("aws.access.key.id");
    props.remove("aws.secret.access.key");
    // The default chain must find nothing: no profile files, no instance metadata.
    String[] isolate = {"aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata"};
    System.setProperty(isolate[0], "/nonexistent/credentials");
    System.setProperty(isolate[1], "/nonexistent/config");
    System.setProperty(isolate[2], "true");
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      harness.open(new TopicPartition("t", 0));
      ConnectException error =
          assertThrows(
              ConnectException.class, () -> harness.put(List.of(record("t", 0, 0, "k", "v"))));
      assertFalse(error instanceof RetriableException, "fatal");
      assertTrue(error.getMessage().contains("no AWS credentials"), error.getMessage());
      assertTrue(error.getMessage().contains("aws.access.key.id"), error.getMessage());
      assertTrue(harness.commit().isEmpty(), "nothing committed");
    } finally {
      for (String property : isolate) {
        System.clearProperty(property);
      }
    }
    assertFalse(streams.exists("no-credentials"));
  }
}
