package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.FaultsTest.deliver;
import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A row of a primary key fails and is retried while a later record of the same key is written: the
 * table must end as the records applied in offset order (the retry never wins over a later record),
 * and offsets are committed only past written records.
 */
class KeyOrderTest {
  static final Schema KEY = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("id", Schema.STRING_SCHEMA)
          .field("name", Schema.OPTIONAL_STRING_SCHEMA)
          .field("qty", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  Map<String, String> props(String topic, String insert, String delete) {
    Map<String, String> props = TablestoreSinks.props(server, topic);
    props.put("primarykey.mode", "record_key");
    props.put("insert.mode", insert);
    props.put("delete.mode", delete);
    props.put("tablestore." + topic + ".primarykey.name", "id");
    props.put("tablestore." + topic + ".primarykey.type", "string");
    props.put("max.retries", "30");
    props.put("retry.backoff.ms", "100");
    return props;
  }

  static SinkRecord row(String topic, long offset, String id, String name, Long qty) {
    Struct key = new Struct(KEY).put("id", id);
    if (name == null && qty == null) {
      return record(topic, 0, offset, KEY, key, null, null); // tombstone
    }
    Struct value = new Struct(VALUE).put("id", id).put("name", name).put("qty", qty);
    return record(topic, 0, offset, KEY, key, VALUE, value);
  }

  static String id(PrimaryKey key) {
    return key.getPrimaryKeyColumn("id").getValue().asString();
  }

  /** Fails the write number {@code nth} (from 1) of key {@code id}, every other write passes. */
  void failWrite(String id, int nth) {
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    server
        .faults()
        .failRows(
            key ->
                id(key).equals(id)
                    && seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == nth,
            "OTSServerBusy",
            "server is busy");
  }

  /** Delivers the records and commits until everything is committed. */
  static void writeAll(TaskHarness<TablestoreSinkTask> harness, String topic, List<SinkRecord> all)
      throws InterruptedException {
    deliver(harness, all);
    TopicPartition tp = new TopicPartition(topic, 0);
    long end = all.get(all.size() - 1).kafkaOffset() + 1;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (committed(harness, tp) < end && System.nanoTime() < deadline) {
      deliver(harness, List.of());
      Thread.sleep(20);
    }
    assertEquals(end, committed(harness, tp));
    assertTrue(harness.reported.isEmpty(), harness.reported.toString());
  }

  /** The offset the task lets Connect commit, -1 before the first record is written. */
  static long committed(TaskHarness<TablestoreSinkTask> harness, TopicPartition tp) {
    var offset = harness.commit().get(tp);
    return offset == null ? -1 : offset.offset();
  }

  Map<String, Object> rowOf(String topic, String id) {
    return rows(server, topic).stream()
        .filter(row -> row.get("id").equals(id))
        .findFirst()
        .orElse(null);
  }

  @Test
  void aLaterPutWinsOverTheRetryOfAnEarlierOne() throws Exception {
    failWrite("k", 1);
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("put", "put", "none"), "put")) {
      writeAll(
          harness,
          "put",
          List.of(
              row("put", 0, "k", "v1", 1L),
              row("put", 1, "o", "o1", 1L),
              row("put", 2, "k", "v2", 2L)));
    }
    assertEquals(Map.of("id", "k", "name", "v2", "qty", 2L), rowOf("put", "k"));
    assertEquals(Map.of("id", "o", "name", "o1", "qty", 1L), rowOf("put", "o"));
  }

  @Test
  void updatesApplyInRecordOrderAcrossARetry() throws Exception {
    failWrite("k", 1);
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("upd", "update", "none"), "upd")) {
      // v1 sets name and qty, v2 only name: the result is v1 then v2 applied.
      writeAll(harness, "upd", List.of(row("upd", 0, "k", "a", 1L), row("upd", 1, "k", "b", null)));
    }
    assertEquals(Map.of("id", "k", "name", "b", "qty", 1L), rowOf("upd", "k"));
  }

  @Test
  void aTombstoneAfterAFailedPutDeletesTheRow() throws Exception {
    failWrite("k", 1);
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("del", "put", "row"), "del")) {
      writeAll(
          harness,
          "del",
          List.of(
              row("del", 0, "k", "a", 1L),
              row("del", 1, "k", null, null),
              row("del", 2, "o", "o", 1L)));
    }
    assertEquals(null, rowOf("del", "k"));
    assertEquals(1, rows(server, "del").size());
  }

  @Test
  void aPutAfterAFailedDeleteIsTheRow() throws Exception {
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("redo", "put", "row"), "redo")) {
      writeAll(harness, "redo", List.of(row("redo", 0, "k", "a", 1L)));
      failWrite("k", 1); // counts from here: the delete fails once
      writeAll(
          harness, "redo", List.of(row("redo", 1, "k", null, null), row("redo", 2, "k", "b", 2L)));
    }
    assertEquals(Map.of("id", "k", "name", "b", "qty", 2L), rowOf("redo", "k"));
  }

  @Test
  void aLostReplyRetriedDoesNotWinOverALaterRow() throws Exception {
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props("lost", "update", "none"), "lost")) {
      writeAll(harness, "lost", List.of(row("lost", 0, "o", "o", 0L)));
      server.faults().dropReplies(1); // written, but the client sees a failure and retries
      writeAll(
          harness, "lost", List.of(row("lost", 1, "k", "a", 1L), row("lost", 2, "k", "b", null)));
    }
    assertEquals(Map.of("id", "k", "name", "b", "qty", 1L), rowOf("lost", "k"));
  }

  @Test
  void interleavedKeysWithRandomFailuresEndAsTheRecordsInOrder() throws Exception {
    Random random = new Random(42);
    Predicate<PrimaryKey> fails = key -> random.nextInt(100) < 10;
    server
        .faults()
        .failRows(
            key -> {
              synchronized (random) {
                return fails.test(key);
              }
            },
            "OTSServerBusy",
            "busy");
    String topic = "mix";
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      ids.add("k" + k);
    }
    List<String> order = new ArrayList<>();
    for (int v = 0; v < 5; v++) {
      order.addAll(ids);
    }
    Collections.shuffle(order, new Random(7));
    List<SinkRecord> records = new ArrayList<>();
    Map<String, Integer> versions = new java.util.HashMap<>();
    for (String id : order) {
      int v = versions.merge(id, 1, Integer::sum);
      // Versions set different columns (update mode): name only, qty only, or both.
      String name = v % 3 == 2 ? null : id + "-v" + v;
      Long qty = v % 3 == 1 ? null : (long) v;
      records.add(row(topic, records.size(), id, name, qty));
    }
    List<Long> commits = new ArrayList<>();
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(props(topic, "update", "none"), topic)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      // One delivery: rows that fail and later rows of their key are in flight together.
      deliver(harness, records);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (committed(harness, tp) < records.size() && System.nanoTime() < deadline) {
        long committed = committed(harness, tp);
        commits.add(committed);
        assertCommittedKeysFinal(topic, records, committed);
        deliver(harness, List.of());
        Thread.sleep(20);
      }
      assertEquals(records.size(), committed(harness, tp));
    }
    assertEquals(model(records), new TreeMap<>(byId(rows(server, topic))));
    for (int i = 1; i < commits.size(); i++) {
      assertTrue(commits.get(i) >= commits.get(i - 1), commits.toString());
    }
  }

  /** A key whose last record is below the committed offset holds its final state already. */
  void assertCommittedKeysFinal(String topic, List<SinkRecord> records, long committed) {
    Map<String, Long> last = new LinkedHashMap<>();
    records.forEach(r -> last.put(((Struct) r.key()).getString("id"), r.kafkaOffset()));
    Map<String, Map<String, Object>> expected = model(records);
    Map<String, Map<String, Object>> actual = byId(rows(server, topic));
    last.forEach(
        (id, offset) -> {
          if (offset < committed) {
            assertEquals(expected.get(id), actual.get(id), id + " committed at " + committed);
          }
        });
  }

  static Map<String, Map<String, Object>> byId(List<Map<String, Object>> rows) {
    Map<String, Map<String, Object>> byId = new TreeMap<>();
    rows.forEach(row -> byId.put((String) row.get("id"), row));
    return byId;
  }

  /** The records applied in order in update mode (null fields left as they are). */
  static Map<String, Map<String, Object>> model(List<SinkRecord> records) {
    Map<String, Map<String, Object>> table = new TreeMap<>();
    for (SinkRecord record : records) {
      Struct value = (Struct) record.value();
      Map<String, Object> row =
          table.computeIfAbsent(value.getString("id"), id -> new LinkedHashMap<>(Map.of("id", id)));
      if (value.get("name") != null) {
        row.put("name", value.get("name"));
      }
      if (value.get("qty") != null) {
        row.put("qty", value.get("qty"));
      }
    }
    return table;
  }
}
