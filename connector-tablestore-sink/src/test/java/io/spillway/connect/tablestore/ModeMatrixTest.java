package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every primarykey.mode × insert.mode × delete.mode combination: one script of records (inserts, an
 * update with a null field, a tombstone) written through the task, the table read back with
 * GetRange and compared row by row, field by field, with what the combination means, modelled here
 * independently of the sink's code. Combinations the sink refuses fail config validation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModeMatrixTest {
  static final Schema KEY = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("id", Schema.STRING_SCHEMA)
          .field("name", Schema.STRING_SCHEMA)
          .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
          .build();

  TablestoreServer server;

  @BeforeAll
  void start() {
    server = TablestoreServer.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (String pk : List.of("kafka", "record_key", "record_value", "search")) {
      for (String insert : List.of("put", "update")) {
        for (String delete : List.of("none", "row", "column", "row_and_column")) {
          all.add(Arguments.of(pk, insert, delete));
        }
      }
    }
    return all.stream();
  }

  /** The script: (id, name, qty) records; a null name is a tombstone of that id. */
  static List<SinkRecord> script(String topic) {
    Object[][] steps = {
      {"a", "x", 1},
      {"b", "y", 2},
      {"a", "x2", null},
      {"b", null, null},
      {"c", "z", 3},
      {"c", "z2", 4}
    };
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      String id = (String) steps[i][0];
      Struct key = new Struct(KEY).put("id", id);
      Struct value =
          steps[i][1] == null
              ? null
              : new Struct(VALUE).put("id", id).put("name", steps[i][1]).put("qty", steps[i][2]);
      records.add(record(topic, 0, i, KEY, key, value == null ? null : VALUE, value));
    }
    return records;
  }

  @ParameterizedTest(name = "primarykey.mode={0} insert.mode={1} delete.mode={2}")
  @MethodSource("combinations")
  void combination(String pk, String insert, String delete) {
    String topic = "m_" + pk + "_" + insert + "_" + delete;
    Map<String, String> props = TablestoreSinks.props(server, topic);
    props.put("primarykey.mode", pk);
    props.put("insert.mode", insert);
    props.put("delete.mode", delete);
    props.put("tablestore." + topic + ".primarykey.name", "id");
    props.put("tablestore." + topic + ".primarykey.type", "string");
    boolean valid = delete.equals("none") || pk.equals("record_key");
    if (!valid) {
      ConfigException error =
          assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
      assertTrue(error.getMessage().contains("record_key"), error.getMessage());
      return;
    }
    List<SinkRecord> records = script(topic);
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(new TopicPartition(topic, 0));
      for (SinkRecord record : records) {
        harness.put(List.of(record)); // one by one: writes of one row land in order
        harness.flushAndCommit();
      }
      assertEquals(
          records.size(), harness.flushAndCommit().get(new TopicPartition(topic, 0)).offset());
      assertTrue(harness.reported.isEmpty(), harness.reported.toString());
    }
    assertEquals(expected(records, pk, insert, delete), rows(server, topic));
  }

  /** What the table holds afterwards, by the documented rules, rows in primary key order. */
  static List<Map<String, Object>> expected(
      List<SinkRecord> records, String pk, String insert, String delete) {
    boolean deletesRows = delete.equals("row") || delete.equals("row_and_column");
    boolean deletesColumns = delete.equals("column") || delete.equals("row_and_column");
    Map<String, Map<String, Object>> table = new java.util.TreeMap<>();
    for (SinkRecord record : records) {
      Map<String, Object> key = key(record, pk);
      String sortKey = key.values().toString();
      if (record.value() == null) {
        if (deletesRows) {
          table.remove(sortKey);
        }
        continue;
      }
      Struct value = (Struct) record.value();
      Map<String, Object> set = new LinkedHashMap<>();
      List<String> nulls = new ArrayList<>();
      for (var field : VALUE.fields()) {
        if (key.containsKey(field.name())) {
          continue;
        }
        Object v = value.get(field);
        if (v == null) {
          nulls.add(field.name());
        } else {
          set.put(field.name(), v instanceof Integer n ? n.longValue() : v);
        }
      }
      if (pk.equals("search")) {
        set.put("timestamp", record.timestamp());
      }
      Map<String, Object> row = new LinkedHashMap<>(key);
      if (insert.equals("update") && table.containsKey(sortKey)) {
        row = table.get(sortKey);
        if (deletesColumns) {
          nulls.forEach(row::remove);
        }
      }
      row.putAll(set);
      table.put(sortKey, row);
    }
    // Columns come back sorted by name after the key columns.
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : table.values()) {
      Map<String, Object> sorted = new LinkedHashMap<>(key(row, pk));
      new java.util.TreeMap<>(row).forEach((k, v) -> sorted.putIfAbsent(k, v));
      rows.add(sorted);
    }
    return rows;
  }

  private static Map<String, Object> key(Map<String, Object> row, String pk) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (String name : keyNames(pk)) {
      key.put(name, row.get(name));
    }
    return key;
  }

  private static List<String> keyNames(String pk) {
    return switch (pk) {
      case "kafka" -> List.of("topic_partition", "offset");
      case "search" -> List.of("md5", "topic", "partition", "offset");
      default -> List.of("id");
    };
  }

  private static Map<String, Object> key(SinkRecord record, String pk) {
    Map<String, Object> key = new LinkedHashMap<>();
    switch (pk) {
      case "kafka" -> {
        key.put("topic_partition", record.topic() + "_" + record.kafkaPartition());
        key.put("offset", record.kafkaOffset());
      }
      case "search" -> {
        key.put(
            "md5",
            md5(record.topic() + "_" + record.kafkaPartition() + "_" + record.kafkaOffset()));
        key.put("topic", record.topic());
        key.put("partition", (long) record.kafkaPartition());
        key.put("offset", record.kafkaOffset());
      }
      default -> key.put("id", ((Struct) record.key()).getString("id"));
    }
    return key;
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 5);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
