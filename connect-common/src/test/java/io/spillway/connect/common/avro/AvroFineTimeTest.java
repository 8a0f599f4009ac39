package io.spillway.connect.common.avro;

import static io.spillway.connect.common.flatten.Inputs.bytes;
import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spillway.connect.common.data.FineTime;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.Inputs;
import io.spillway.connect.common.json.FlatRowJsonConverter;
import io.spillway.connect.common.json.ValueText;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.RowReader;
import io.spillway.connect.testkit.AvroWire;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Micro- and nanosecond times keep every digit: as columns, as JSON text, and as sink cells. */
class AvroFineTimeTest {
  static final Schema EVENT =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Event","namespace":"test","fields":[
                {"name":"ts_us","type":{"type":"long","logicalType":"timestamp-micros"}},
                {"name":"ts_ns","type":{"type":"long","logicalType":"timestamp-nanos"}},
                {"name":"lts_us","type":{"type":"long","logicalType":"local-timestamp-micros"}},
                {"name":"lts_ns","type":{"type":"long","logicalType":"local-timestamp-nanos"}},
                {"name":"t_us","type":{"type":"long","logicalType":"time-micros"}},
                {"name":"opt_us","type":["null",{"type":"long","logicalType":"timestamp-micros"}]},
                {"name":"inner","type":{"type":"record","name":"Inner","fields":[
                  {"name":"ts_us","type":{"type":"long","logicalType":"timestamp-micros"}},
                  {"name":"ts_ns","type":{"type":"long","logicalType":"timestamp-nanos"}},
                  {"name":"t_us","type":{"type":"long","logicalType":"time-micros"}}
                ]}},
                {"name":"history","type":{"type":"array",
                  "items":{"type":"long","logicalType":"local-timestamp-micros"}}}
              ]}
              """);

  static final long MICROS = 1_700_000_000_123_456L; // 2023-11-14T22:13:20.123456Z
  static final long NANOS = 1_700_000_000_123_456_789L;
  static final long BEFORE_1970 = -1L; // one microsecond before the epoch
  static final long TIME_MICROS = 86_399_999_999L; // 23:59:59.999999

  private TestSchemaRegistry registry;
  private int eventId;

  @BeforeEach
  void start() {
    registry = new TestSchemaRegistry();
    eventId = registry.register("events-value", EVENT);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  static GenericRecord event() {
    GenericRecord inner = new GenericData.Record(EVENT.getField("inner").schema());
    inner.put("ts_us", MICROS);
    inner.put("ts_ns", NANOS);
    inner.put("t_us", TIME_MICROS);
    GenericRecord event = new GenericData.Record(EVENT);
    event.put("ts_us", MICROS);
    event.put("ts_ns", NANOS);
    event.put("lts_us", BEFORE_1970);
    event.put("lts_ns", -1_500L);
    event.put("t_us", TIME_MICROS);
    event.put("opt_us", MICROS + 1);
    event.put("inner", inner);
    event.put("history", List.of(MICROS, BEFORE_1970));
    return event;
  }

  private FlatRecord flatten(String... extra) {
    String[] base = {"flatten.message.type", "avro", "flatten.schema.registry.url", registry.url()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    Flattener flattener = Inputs.flattener(all);
    return flattener.flatten(
        raw("events", 0, 1, bytes("k"), AvroWire.encode(eventId, event()), List.of()));
  }

  @Test
  void finerThanMillisecondColumnsAreTheExactCountNamedByItsUnit() {
    FlatRecord row = flatten();
    assertColumn(row, "value_ts_us", FineTime.TIMESTAMP_MICROS, MICROS);
    assertColumn(row, "value_ts_ns", FineTime.TIMESTAMP_NANOS, NANOS);
    assertColumn(row, "value_lts_us", FineTime.LOCAL_TIMESTAMP_MICROS, BEFORE_1970);
    assertColumn(row, "value_lts_ns", FineTime.LOCAL_TIMESTAMP_NANOS, -1_500L);
    assertColumn(row, "value_t_us", FineTime.TIME_MICROS, TIME_MICROS);
    assertColumn(row, "value_opt_us", FineTime.TIMESTAMP_MICROS, MICROS + 1);
    assertEquals(
        org.apache.kafka.connect.data.Schema.Type.INT64, row.column("value_ts_us").schema().type());
  }

  private static void assertColumn(FlatRecord row, String name, FineTime type, long count) {
    assertEquals(count, row.get(name), name);
    assertEquals(type.logicalName(), row.column(name).schema().name(), name);
    assertEquals(type, FineTime.of(row.column(name).schema()), name);
  }

  @Test
  void nestedValuesAreIsoTextWithEveryDigit() {
    FlatRecord row = flatten();
    assertEquals(
        "{\"ts_us\":\"2023-11-14T22:13:20.123456Z\","
            + "\"ts_ns\":\"2023-11-14T22:13:20.123456789Z\","
            + "\"t_us\":\"23:59:59.999999\"}",
        row.get("value_inner"));
    assertEquals(
        "[\"2023-11-14T22:13:20.123456Z\",\"1969-12-31T23:59:59.999999Z\"]",
        row.get("value_history"));
    String packed = (String) flatten("flatten.mode", "packed").get("value");
    assertEquals(true, packed.contains("\"lts_ns\":\"1969-12-31T23:59:59.999998500Z\""), packed);
    assertEquals(true, packed.contains("\"ts_ns\":\"2023-11-14T22:13:20.123456789Z\""), packed);
  }

  @Test
  void textFormIsExactForWideningAndHashing() {
    assertEquals(
        "2023-11-14T22:13:20.123456Z",
        ValueText.of(FineTime.TIMESTAMP_MICROS.optionalSchema(), MICROS));
    assertEquals(
        "2023-11-14T22:13:20.123456789Z",
        ValueText.of(FineTime.TIMESTAMP_NANOS.optionalSchema(), NANOS));
    assertEquals(
        "23:59:59.999999", ValueText.of(FineTime.TIME_MICROS.optionalSchema(), TIME_MICROS));
    // A time of day outside one day is not Avro's, and is never wrapped: its count stays.
    assertEquals(
        "86400000000", ValueText.of(FineTime.TIME_MICROS.optionalSchema(), 86_400_000_000L));
    assertEquals("-5", ValueText.of(FineTime.TIME_MICROS.optionalSchema(), -5L));
  }

  @Test
  void jsonConverterCarriesTheCountAndItsNameToTheSink() {
    SchemaAndValue row = new FlatRows().toConnect(flatten());
    Map<String, String> config = new HashMap<>(Map.of("schemas.enable", "true"));
    FlatRowJsonConverter writer = new FlatRowJsonConverter();
    writer.configure(config, false);
    byte[] json = writer.fromConnectData("events", row.schema(), row.value());
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(true, text.contains("\"value_ts_ns\":" + NANOS), text);
    assertEquals(
        true,
        text.contains(
            "\"type\":\"int64\",\"optional\":true,\"name\":\"io.spillway.connect.data.TimestampNanos\""),
        text);

    JsonConverter reader = new JsonConverter();
    reader.configure(config, false);
    SchemaAndValue read = reader.toConnectData("events", json);
    Map<String, Cell> cells = new HashMap<>();
    for (Cell cell : RowReader.fields(read.schema(), read.value())) {
      cells.put(cell.name(), cell);
    }
    assertCell(
        cells, "value_ts_us", ColumnType.TIMESTAMP, Instant.parse("2023-11-14T22:13:20.123456Z"));
    assertCell(
        cells,
        "value_ts_ns",
        ColumnType.TIMESTAMP,
        Instant.parse("2023-11-14T22:13:20.123456789Z"));
    assertCell(
        cells, "value_lts_us", ColumnType.TIMESTAMP, Instant.parse("1969-12-31T23:59:59.999999Z"));
    assertCell(
        cells,
        "value_lts_ns",
        ColumnType.TIMESTAMP,
        Instant.parse("1969-12-31T23:59:59.999998500Z"));
    assertCell(cells, "value_t_us", ColumnType.TIME, LocalTime.parse("23:59:59.999999"));
    assertEquals(MICROS, ((Struct) read.value()).get("value_ts_us"));
  }

  private static void assertCell(Map<String, Cell> cells, String name, ColumnType type, Object v) {
    assertEquals(type, cells.get(name).type(), name);
    assertEquals(v, cells.get(name).value(), name);
  }

  @Test
  void sinkRefusesATimeOfDayOutsideOneDay() {
    DataException e =
        assertThrows(
            DataException.class,
            () -> RowReader.cell("t", FineTime.TIME_MICROS.optionalSchema(), 86_400_000_000L));
    assertEquals(
        "Field 't': 86400000000 is not a io.spillway.connect.data.TimeMicros time of day:"
            + " outside 00:00 to 24:00",
        e.getMessage());
    assertEquals(
        LocalTime.MIDNIGHT, RowReader.cell("t", FineTime.TIME_MICROS.optionalSchema(), 0L).value());
  }
}
