package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRowJsonWriter;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behind the Spillway Kafka source: its flattened rows (position key {partition, offset}, typed or
 * schemaless) land one row per source record, keyed by the source record's partition and offset,
 * under primarykey.mode=kafka and under record_key on the position key; writing them all again (a
 * replay, at new offsets of the intermediate topic) leaves the table as it was.
 */
class KafkaSourceRowsTest {
  static final String MIRROR = "mirror";

  TablestoreServer server;

  @BeforeEach
  void start() {
    server = TablestoreServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The source cluster's records: partitions 2 and 3, offsets 40..44, JSON values. */
  static List<ConsumerRecord<byte[], byte[]>> sourceRecords() {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace", ("t-" + i).getBytes(StandardCharsets.UTF_8));
      String value = "{\"item\":\"book-" + i + "\",\"qty\":" + i + "}";
      records.add(
          new ConsumerRecord<>(
              "orders",
              2 + i % 2,
              40L + i,
              1_600_000_000_000L + i,
              TimestampType.CREATE_TIME,
              -1,
              -1,
              ("customer-" + i).getBytes(StandardCharsets.UTF_8),
              value.getBytes(StandardCharsets.UTF_8),
              headers,
              Optional.empty()));
    }
    return records;
  }

  static JsonConverter converter(boolean schemas, boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), isKey);
    return converter;
  }

  /** The rows as the sink reads them from the intermediate topic, from {@code firstOffset} on. */
  static List<SinkRecord> rowsOfSource(boolean schemas, long firstOffset) {
    FlattenConfig flatten = new FlattenConfig(Map.of());
    Flattener flattener = new Flattener(flatten);
    FlatRows flatRows = new FlatRows();
    FlatRowJsonWriter writer = new FlatRowJsonWriter(flatten, false);
    List<SinkRecord> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : sourceRecords()) {
      FlatRecord row = flattener.flatten(RawRecord.of(record));
      byte[] key;
      byte[] value;
      if (schemas) {
        SchemaAndValue typed = flatRows.toConnect(row);
        key =
            converter(true, true)
                .fromConnectData(MIRROR, Columns.POSITION_KEY_SCHEMA, Columns.positionKey(row));
        value = converter(true, false).fromConnectData(MIRROR, typed.schema(), typed.value());
      } else {
        key = writer.key(row);
        value = writer.value(row, record.value());
      }
      SchemaAndValue k = converter(schemas, true).toConnectData(MIRROR, key);
      SchemaAndValue v = converter(schemas, false).toConnectData(MIRROR, value);
      long offset = firstOffset + out.size();
      out.add(
          new SinkRecord(
              MIRROR,
              0,
              k.schema(),
              k.value(),
              v.schema(),
              v.value(),
              offset,
              1_700_000_000_000L + offset,
              TimestampType.LOG_APPEND_TIME,
              new ConnectHeaders()));
    }
    return out;
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void kafkaModeKeysRowsBySourcePositionAndReplaysRewriteThem(boolean schemas) {
    Map<String, String> props = TablestoreSinks.props(server, MIRROR);
    List<SinkRecord> first = rowsOfSource(schemas, 900);
    assertTrue(FlatRows.isFlatRow(first.get(0)));
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(new TopicPartition(MIRROR, 0));
      harness.put(first);
      harness.flushAndCommit();
      harness.put(rowsOfSource(schemas, 950)); // the source replayed everything
      assertEquals(955, harness.flushAndCommit().get(new TopicPartition(MIRROR, 0)).offset());
    }
    List<Map<String, Object>> rows = rows(server, MIRROR);
    assertEquals(5, rows.size(), rows.toString());
    for (int i = 0; i < 5; i++) {
      Map<String, Object> row = rows.get(i);
      int partition = 2 + (i < 3 ? 0 : 1);
      long offset = partition == 2 ? 40 + 2L * i : 41 + 2L * (i - 3);
      assertEquals(MIRROR + "_" + partition, row.get("topic_partition"), row.toString());
      assertEquals(offset, row.get("offset"), row.toString());
      assertEquals((long) partition, row.get("partition"), row.toString());
      assertEquals("customer-" + (offset - 40), row.get("key"), row.toString());
    }
  }

  @ParameterizedTest(name = "schemas.enable={0}")
  @ValueSource(booleans = {true, false})
  void recordKeyOnThePositionKeyGivesOneRowPerSourceRecord(boolean schemas) {
    Map<String, String> props = TablestoreSinks.props(server, MIRROR);
    props.put("primarykey.mode", "record_key");
    props.put("tablestore.mirror.primarykey.name", "partition,offset");
    props.put("tablestore.mirror.primarykey.type", "integer,integer");
    try (TaskHarness<TablestoreSinkTask> harness =
        new TaskHarness<>(new TablestoreSinkTask(), props)) {
      harness.open(new TopicPartition(MIRROR, 0));
      harness.put(rowsOfSource(schemas, 0));
      harness.put(rowsOfSource(schemas, 5));
      assertEquals(10, harness.flushAndCommit().get(new TopicPartition(MIRROR, 0)).offset());
      assertTrue(harness.reported.isEmpty(), harness.reported.toString());
    }
    List<Map<String, Object>> rows = rows(server, MIRROR);
    assertEquals(5, rows.size(), rows.toString());
    assertEquals(2L, rows.get(0).get("partition"));
    assertEquals(40L, rows.get(0).get("offset"));
    assertEquals("customer-0", rows.get(0).get("key"));
  }
}
