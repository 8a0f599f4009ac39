package io.spillway.connect.kinesis;

import static io.spillway.connect.kinesis.KinesisSinkTaskIT.commitAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRowJsonWriter;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import io.spillway.connect.testkit.TaskHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink behind the Kafka source: the intermediate topic's records are built by the source's own
 * code (Flattener, FlatRows or FlatRowJsonWriter, the position key, the tombstone header), go
 * through JsonConverter to bytes and back as Kafka would carry them, and are written with {@code
 * record.format=flat}. The rows read back from kinesalite carry the source records' partition,
 * offset, timestamp, headers and value, not the intermediate topic's.
 */
class KafkaSourceRowsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MIRROR = "orders-mirror";
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

  /** What the source consumer reads: partitions 2 and 3, headers, and a tombstone. */
  private static List<ConsumerRecord<byte[], byte[]>> sourceRecords() {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace", ("t-" + i).getBytes(StandardCharsets.UTF_8));
      String value = i == 5 ? null : "{\"item\":\"book-" + i + "\",\"qty\":" + i + "}";
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
              value == null ? null : value.getBytes(StandardCharsets.UTF_8),
              headers,
              Optional.empty()));
    }
    return records;
  }

  private static JsonConverter converter(boolean schemas, boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), isKey);
    return converter;
  }

  /**
   * The intermediate topic's record at {@code offset}: key and value bytes as the source wrote
   * them, read back with the sink's converters. Its own partition, offset and timestamp differ from
   * the source record's.
   */
  private static SinkRecord intermediate(
      byte[] key, byte[] value, FlatRecord row, boolean schemas, long offset) {
    SchemaAndValue k = converter(schemas, true).toConnectData(MIRROR, key);
    SchemaAndValue v = converter(schemas, false).toConnectData(MIRROR, value);
    ConnectHeaders headers = new ConnectHeaders();
    Columns.markTombstone(row, headers);
    return new SinkRecord(
        MIRROR,
        0,
        k.schema(),
        k.value(),
        v.schema(),
        v.value(),
        offset,
        1_700_000_000_000L + offset,
        TimestampType.LOG_APPEND_TIME,
        headers);
  }

  /** The source's typed output (FlatRows + position key) through JsonConverter with schemas. */
  private static List<SinkRecord> typedRows(FlattenConfig flatten) {
    Flattener flattener = new Flattener(flatten);
    FlatRows rows = new FlatRows();
    JsonConverter keys = converter(true, true);
    JsonConverter values = converter(true, false);
    List<SinkRecord> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : sourceRecords()) {
      FlatRecord row = flattener.flatten(RawRecord.of(record));
      SchemaAndValue value = rows.toConnect(row);
      byte[] keyBytes =
          keys.fromConnectData(MIRROR, Columns.POSITION_KEY_SCHEMA, Columns.positionKey(row));
      byte[] valueBytes = values.fromConnectData(MIRROR, value.schema(), value.value());
      out.add(intermediate(keyBytes, valueBytes, row, true, 900L + out.size()));
    }
    return out;
  }

  /** The source's JSON output (FlatRowJsonWriter, no schemas), read as schemaless maps. */
  private static List<SinkRecord> schemalessRows(FlattenConfig flatten) {
    Flattener flattener = new Flattener(flatten);
    FlatRowJsonWriter writer = new FlatRowJsonWriter(flatten, false);
    List<SinkRecord> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : sourceRecords()) {
      FlatRecord row = flattener.flatten(RawRecord.of(record));
      byte[] value = writer.value(row, record.value());
      out.add(intermediate(writer.key(row), value, row, false, 900L + out.size()));
    }
    return out;
  }

  /** Writes the records to the stream and reads back each row by its source offset. */
  private static Map<Long, JsonNode> writeAndReadBack(String stream, List<SinkRecord> records)
      throws Exception {
    Map<String, String> props = kinesalite.sinkConnection();
    props.put("stream.name.format", stream);
    props.put("kpl.RecordMaxBufferedTime", "50");
    props.put("record.format", "flat");
    props.put("stream.shard.count", "1");
    try (TaskHarness<KinesisSinkTask> harness = new TaskHarness<>(new KinesisSinkTask(), props)) {
      TopicPartition mirror = new TopicPartition(MIRROR, 0);
      harness.open(mirror);
      harness.put(records);
      commitAll(harness, Map.of(mirror, records.get(records.size() - 1).kafkaOffset() + 1));
    }
    Map<Long, JsonNode> rows = new HashMap<>();
    for (KinesisStreams.StreamRecord r : streams.readAll(stream)) {
      JsonNode row = JSON.readTree(r.data());
      rows.put(row.get(Columns.OFFSET).asLong(), row);
    }
    assertEquals(records.size(), rows.size(), "one row per record, keyed by source offsets");
    return rows;
  }

  /** Each row's position, timestamp and headers are the source record's. */
  private static void assertSourceColumns(
      Map<Long, JsonNode> rows, ConsumerRecord<byte[], byte[]> source) throws Exception {
    JsonNode row = rows.get(source.offset());
    assertTrue(row != null, "no row of source offset " + source.offset() + ": " + rows);
    assertEquals(source.partition(), row.get(Columns.PARTITION).asInt(), row.toString());
    assertEquals(source.timestamp(), row.get(Columns.TIMESTAMP).asLong(), row.toString());
    assertEquals("CreateTime", row.get(Columns.TIMESTAMP_TYPE).asText(), row.toString());
    assertEquals(
        new String(source.key(), StandardCharsets.UTF_8),
        row.get(Columns.KEY).asText(),
        row.toString());
    JsonNode headers = JSON.readTree(row.get(Columns.HEADERS).asText());
    assertEquals(1, headers.size(), row.toString());
    assertEquals(
        new String(source.headers().lastHeader("trace").value(), StandardCharsets.UTF_8),
        headers.get("trace").asText());
  }

  @Test
  void typedRowsOfTheSourceAreWrittenAsTheyAre() throws Exception {
    FlattenConfig flatten = new FlattenConfig(Map.of("flatten.mode", "packed"));
    Map<Long, JsonNode> rows = writeAndReadBack("source-typed", typedRows(flatten));
    for (ConsumerRecord<byte[], byte[]> source : sourceRecords()) {
      assertSourceColumns(rows, source);
      JsonNode row = rows.get(source.offset());
      assertEquals(7, row.size(), "the packed row's columns, nothing nested: " + row);
      if (source.value() == null) {
        assertTrue(row.get(Columns.VALUE).isNull(), "a tombstone's value is null: " + row);
      } else {
        assertEquals(
            new String(source.value(), StandardCharsets.UTF_8),
            row.get(Columns.VALUE).asText(),
            "the source message, packed");
      }
    }
  }

  @Test
  void schemalessRowsOfTheSourceAreWrittenAsTheyAre() throws Exception {
    FlattenConfig flatten = new FlattenConfig(Map.of("flatten.mode", "unpacked"));
    Map<Long, JsonNode> rows = writeAndReadBack("source-schemaless", schemalessRows(flatten));
    for (ConsumerRecord<byte[], byte[]> source : sourceRecords()) {
      assertSourceColumns(rows, source);
      JsonNode row = rows.get(source.offset());
      assertTrue(!row.has(Columns.VALUE), "unpacked: value_<field> columns only: " + row);
      if (source.value() == null) {
        assertTrue(
            row.path("value_item").isMissingNode() || row.get("value_item").isNull(),
            "a tombstone has no value: " + row);
      } else {
        JsonNode message = JSON.readTree(source.value());
        assertEquals(message.get("item").asText(), row.get("value_item").asText(), row.toString());
        assertEquals(message.get("qty").asLong(), row.get("value_qty").asLong(), row.toString());
      }
    }
  }
}
