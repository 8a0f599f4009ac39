package io.spillway.connect.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRowJsonWriter;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import io.spillway.connect.testkit.LocalPostgres;
import io.spillway.connect.testkit.TaskHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kafka source's pre-serialized rows (destination.serialization=json) read by this sink through
 * JsonConverter, as a worker does, land exactly as the same records' typed rows do (converted by
 * JsonConverter on the source side): the same tables, the same values, read back with SQL.
 */
class PreSerializedRowsSinkIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();

  private static final String[] VALUES = {
    "{\"id\":1,\"name\":\"plain\",\"price\":9.99,\"ok\":true,\"tags\":[1,2]}",
    "{\"id\":2,\"name\":\"quote \\\" back \\\\ tab \\t caf\\u00e9 \u4e2d \ud83d\ude00\",\"price\":0.1}",
    "{\"id\":3,\"name\":null,\"price\":12345678901234567.89,\"ok\":false}",
    "{\"id\":9223372036854775807,\"big\":123456789012345678901234567890,\"price\":-0.0}",
    "{\"id\":5,\"nested\":{\"a\":{\"b\":[null]}},\"name\":\"</tag> & 'x'\"}",
    "{\"id\":6, \"name\" : \"spaced\" , \"id\":7}",
  };

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"packed", "unpacked"})
  void theSinkReadsPreSerializedRowsAsItReadsTypedRows(String mode) throws Exception {
    String database = WAREHOUSE.createDatabase("t_preser_" + mode);
    List<RawRecord> records = new ArrayList<>();
    for (int i = 0; i < VALUES.length; i++) {
      List<Header> headers = new ArrayList<>();
      headers.add(new RecordHeader("h", bytes("first")));
      headers.add(new RecordHeader("h", bytes("second \"" + i)));
      records.add(record(i, "key-" + i, VALUES[i], headers));
    }
    records.add(record(VALUES.length, "gone", null, List.of())); // tombstone
    records.add(record(VALUES.length + 1, null, "[\"not\",\"an\",\"object\"]", List.of()));

    FlattenConfig flatten = new FlattenConfig(Map.of("flatten.mode", mode));
    Flattener flattener = new Flattener(flatten);
    FlatRows rows = new FlatRows();
    FlatRowJsonWriter writer = new FlatRowJsonWriter(flatten, true);
    JsonConverter sourceSide = converter(false);
    JsonConverter keySide = converter(true);
    JsonConverter sinkValues = converter(false);
    JsonConverter sinkKeys = converter(true);
    List<SinkRecord> typed = new ArrayList<>();
    List<SinkRecord> serialized = new ArrayList<>();
    for (RawRecord raw : records) {
      FlatRecord row = flattener.flatten(raw);
      SchemaAndValue typedRow = rows.toConnect(row);
      byte[] typedBytes = sourceSide.fromConnectData("orders", typedRow.schema(), typedRow.value());
      byte[] typedKey =
          keySide.fromConnectData("orders", Columns.POSITION_KEY_SCHEMA, Columns.positionKey(row));
      typed.add(sinkRecord("typed", raw, row, sinkKeys, typedKey, sinkValues, typedBytes));
      serialized.add(
          sinkRecord(
              "serialized",
              raw,
              row,
              sinkKeys,
              writer.key(row),
              sinkValues,
              writer.value(row, raw.value())));
    }
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", WAREHOUSE.jdbcUrl(database));
    props.put("connection.user", WAREHOUSE.user());
    props.put("connection.password", WAREHOUSE.password());
    props.put("insert.mode", "upsert");
    props.put("pk.mode", "record_key");
    props.put("auto.create", "true");
    props.put("auto.evolve", "true");
    props.put("auto.widen", "true"); // rows of one table differ in type (float64, decimal)
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props)) {
      sink.put(typed);
      sink.put(serialized);
      sink.commit();
      assertTrue(sink.reported.isEmpty(), () -> "nothing refused: " + sink.reported);
    }
    List<List<Object>> typedRows = table(database, "typed");
    List<List<Object>> serializedRows = table(database, "serialized");
    assertEquals(records.size(), typedRows.size());
    assertEquals(typedRows, serializedRows);
    String second = serializedRows.get(1).get(0).toString();
    assertTrue(second.contains("\u4e2d \ud83d\ude00") && second.contains("h_1"), second);
    assertEquals(columns(database, "typed"), columns(database, "serialized"));
  }

  private static List<List<Object>> table(String database, String table) {
    return WAREHOUSE.query(
        database, "SELECT to_jsonb(t)::text FROM \"" + table + "\" t ORDER BY \"offset\"");
  }

  private static List<List<Object>> columns(String database, String table) {
    return WAREHOUSE.query(
        database,
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '"
            + table
            + "' ORDER BY ordinal_position");
  }

  private static SinkRecord sinkRecord(
      String topic,
      RawRecord raw,
      FlatRecord row,
      JsonConverter keys,
      byte[] key,
      JsonConverter values,
      byte[] value) {
    SchemaAndValue k = keys.toConnectData(topic, key);
    SchemaAndValue v = values.toConnectData(topic, value);
    ConnectHeaders headers = new ConnectHeaders();
    Columns.markTombstone(row, headers);
    return new SinkRecord(
        topic,
        0,
        k.schema(),
        k.value(),
        v.schema(),
        v.value(),
        raw.position().offset(),
        raw.timestamp(),
        TimestampType.CREATE_TIME,
        headers);
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), isKey);
    return converter;
  }

  private static RawRecord record(long offset, String key, String value, List<Header> headers) {
    return new RawRecord(
        new RecordPosition("orders", 0, offset),
        1_700_000_000_000L + offset,
        TimestampType.CREATE_TIME,
        bytes(key),
        bytes(value),
        headers);
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
