package io.spillway.connect.common.avro;

import static io.spillway.connect.common.flatten.Inputs.bytes;
import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.data.FineTime;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.Inputs;
import io.spillway.connect.testkit.AvroWire;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroFlattenTest {
  static final Schema ADDRESS =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}");
  static final Schema ORDER =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Order","namespace":"test","fields":[
                {"name":"flag","type":"boolean"},
                {"name":"i","type":"int"},
                {"name":"l","type":"long"},
                {"name":"f","type":"float"},
                {"name":"d","type":"double"},
                {"name":"s","type":"string"},
                {"name":"raw","type":"bytes"},
                {"name":"color","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}},
                {"name":"fx","type":{"type":"fixed","name":"Two","size":2}},
                {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
                {"name":"day","type":{"type":"int","logicalType":"date"}},
                {"name":"tmillis","type":{"type":"int","logicalType":"time-millis"}},
                {"name":"tmicros","type":{"type":"long","logicalType":"time-micros"}},
                {"name":"tsmillis","type":{"type":"long","logicalType":"timestamp-millis"}},
                {"name":"tsmicros","type":{"type":"long","logicalType":"timestamp-micros"}},
                {"name":"id","type":{"type":"string","logicalType":"uuid"}},
                {"name":"opt","type":["null","string"],"default":null},
                {"name":"either","type":["string","long"]},
                {"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"}]}},
                {"name":"tags","type":{"type":"array","items":"string"}},
                {"name":"attrs","type":{"type":"map","values":"long"}}
              ]}
              """);
  static final Schema KEY =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Key\",\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"long\"}]}");
  static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  private TestSchemaRegistry registry;
  private int orderId;

  @BeforeEach
  void start() {
    registry = new TestSchemaRegistry();
    orderId = registry.register("orders-value", ORDER);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Flattener flattener(String... extra) {
    String[] base = {"flatten.message.type", "avro", "flatten.schema.registry.url", registry.url()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Inputs.flattener(all);
  }

  static GenericRecord order() {
    GenericRecord address = new GenericData.Record(ORDER.getField("address").schema());
    address.put("city", "Oslo");
    GenericRecord order = new GenericData.Record(ORDER);
    order.put("flag", true);
    order.put("i", 7);
    order.put("l", 1L << 40);
    order.put("f", 1.5f);
    order.put("d", 2.25);
    order.put("s", "text");
    order.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    order.put("color", new GenericData.EnumSymbol(ORDER.getField("color").schema(), "GREEN"));
    order.put("fx", new GenericData.Fixed(ORDER.getField("fx").schema(), new byte[] {9, 8}));
    order.put("price", ByteBuffer.wrap(new BigDecimal("1234.56").unscaledValue().toByteArray()));
    order.put("day", 19_000);
    order.put("tmillis", 3_600_000);
    order.put("tmicros", 3_600_000_123L);
    order.put("tsmillis", 1_700_000_000_123L);
    order.put("tsmicros", 1_700_000_000_123_456L);
    order.put("id", ID.toString());
    order.put("opt", null);
    order.put("either", 5L);
    order.put("address", address);
    order.put("tags", List.of("a", "b"));
    order.put("attrs", Map.of("k", 1L));
    return order;
  }

  @Test
  void avroIsUnpackedByDefaultWithEveryLogicalTypeMapped() {
    FlatRecord row =
        flattener()
            .flatten(raw("orders", 0, 1, bytes("k"), AvroWire.encode(orderId, order()), List.of()));
    assertEquals(true, row.get("value_flag"));
    assertEquals(7, row.get("value_i"));
    assertEquals(1L << 40, row.get("value_l"));
    assertEquals(1.5f, row.get("value_f"));
    assertEquals(2.25, row.get("value_d"));
    assertEquals("text", row.get("value_s"));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) row.get("value_raw"));
    assertEquals("GREEN", row.get("value_color"));
    assertArrayEquals(new byte[] {9, 8}, (byte[]) row.get("value_fx"));
    assertEquals(new BigDecimal("1234.56"), row.get("value_price"));
    assertEquals(Decimal.LOGICAL_NAME, row.column("value_price").schema().name());
    assertEquals("2", row.column("value_price").schema().parameters().get(Decimal.SCALE_FIELD));
    assertEquals(new Date(19_000L * 86_400_000L), row.get("value_day"));
    assertEquals(
        org.apache.kafka.connect.data.Date.LOGICAL_NAME, row.column("value_day").schema().name());
    assertEquals(new Date(3_600_000L), row.get("value_tmillis"));
    assertEquals(Time.LOGICAL_NAME, row.column("value_tmillis").schema().name());
    assertEquals(3_600_000_123L, row.get("value_tmicros"));
    assertEquals(FineTime.TIME_MICROS.logicalName(), row.column("value_tmicros").schema().name());
    assertEquals(new Date(1_700_000_000_123L), row.get("value_tsmillis"));
    assertEquals(Timestamp.LOGICAL_NAME, row.column("value_tsmillis").schema().name());
    assertEquals(1_700_000_000_123_456L, row.get("value_tsmicros"));
    assertEquals(
        FineTime.TIMESTAMP_MICROS.logicalName(), row.column("value_tsmicros").schema().name());
    assertEquals(ID.toString(), row.get("value_id"));
    assertNull(row.get("value_opt"));
    assertTrue(row.column("value_opt").schema().isOptional());
    assertEquals("5", row.get("value_either"));
    assertEquals("{\"city\":\"Oslo\"}", row.get("value_address"));
    assertEquals("[\"a\",\"b\"]", row.get("value_tags"));
    assertEquals("{\"k\":1}", row.get("value_attrs"));
  }

  @Test
  void packedAvroIsReadableJson() {
    FlatRecord row =
        flattener("flatten.mode", "packed")
            .flatten(raw("orders", 0, 1, bytes("k"), AvroWire.encode(orderId, order()), List.of()));
    String json = (String) row.get("value");
    assertTrue(json.contains("\"price\":1234.56"), json);
    assertTrue(json.contains("\"day\":\"2022-01-08\""), json);
    assertTrue(json.contains("\"tsmillis\":\"2023-11-14T22:13:20.123Z\""), json);
    assertTrue(json.contains("\"tsmicros\":\"2023-11-14T22:13:20.123456Z\""), json);
    assertTrue(json.contains("\"tmicros\":\"01:00:00.000123\""), json);
    assertTrue(json.contains("\"color\":\"GREEN\",\"fx\":\"CQg=\""), json);
    assertTrue(json.contains("\"address\":{\"city\":\"Oslo\"}"), json);
  }

  @Test
  void avroRecordKeyBecomesKeyColumns() {
    int keyId = registry.register("orders-key", KEY);
    GenericRecord key = new GenericData.Record(KEY);
    key.put("tenant", "acme");
    key.put("n", 3L);
    FlatRecord row =
        flattener("flatten.key.type", "avro")
            .flatten(
                raw(
                    "orders",
                    0,
                    1,
                    AvroWire.encode(keyId, key),
                    AvroWire.encode(orderId, order()),
                    List.of()));
    assertEquals("acme", row.get("key_tenant"));
    assertEquals(3L, row.get("key_n"));
    assertNull(row.column("key"));
    assertFalse(row.columns().stream().anyMatch(c -> c.name().equals("key")));
  }

  @Test
  void schemasAreFetchedOnceAndCached() {
    Flattener flattener = flattener();
    registry.resetRequestCount();
    for (int i = 0; i < 50; i++) {
      flattener.flatten(
          raw("orders", 0, i, bytes("k"), AvroWire.encode(orderId, order()), List.of()));
    }
    assertEquals(1, registry.requestCount());
  }

  @Test
  void wrongMagicByteFailsWithCoordinatesOrIsKept() {
    byte[] bad = AvroWire.withMagic(AvroWire.encode(orderId, order()), (byte) 1);
    DataException e =
        assertThrows(
            DataException.class,
            () -> flattener().flatten(raw("orders", 4, 99, bytes("k"), bad, List.of())));
    assertEquals(
        "Cannot flatten value of record at topic 'orders', partition 4, offset 99:"
            + " not Confluent Avro: magic byte is 0x01, expected 0x00",
        e.getMessage());
    FlatRecord kept =
        flattener("flatten.errors.tolerance", "all")
            .flatten(raw("orders", 4, 99, bytes("k"), bad, List.of()));
    assertEquals(
        "value: not Confluent Avro: magic byte is 0x01, expected 0x00", kept.get("_error"));
    assertEquals(java.util.Base64.getEncoder().encodeToString(bad), kept.get("value"));
  }

  @Test
  void unknownSchemaIdNamesTheId() {
    byte[] bad = AvroWire.withSchemaId(AvroWire.encode(orderId, order()), 4242);
    DataException e =
        assertThrows(
            DataException.class,
            () -> flattener().flatten(raw("orders", 0, 5, bytes("k"), bad, List.of())));
    assertTrue(e.getMessage().contains("offset 5: unknown schema id 4242"), e.getMessage());
    assertFalse(RetriableException.class.isInstance(e), "an unknown id never heals by retrying");
  }

  @Test
  void truncatedAvroIsBadInput() {
    byte[] good = AvroWire.encode(orderId, order());
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                flattener()
                    .flatten(
                        raw(
                            "orders",
                            0,
                            6,
                            bytes("k"),
                            AvroWire.truncate(good, good.length - 7),
                            List.of())));
    assertTrue(e.getMessage().contains("offset 6: truncated Avro"), e.getMessage());
    DataException header =
        assertThrows(
            DataException.class,
            () ->
                flattener()
                    .flatten(raw("orders", 0, 7, bytes("k"), new byte[] {0, 0, 1}, List.of())));
    assertTrue(header.getMessage().contains("shorter than the 5-byte wire header"));
  }

  @Test
  void registryDownIsRetriableAndNeverAnErrorRow() {
    Flattener tolerant = flattener("flatten.errors.tolerance", "all");
    byte[] good = AvroWire.encode(orderId, order());
    registry.setDegraded(true);
    assertThrows(
        RetriableException.class,
        () -> tolerant.flatten(raw("orders", 0, 8, bytes("k"), good, List.of())));
    registry.setDegraded(false);
    assertEquals(
        "text", tolerant.flatten(raw("orders", 0, 8, bytes("k"), good, List.of())).get("value_s"));
    registry.stop();
    Flattener fresh = flattener();
    assertThrows(
        RetriableException.class,
        () -> fresh.flatten(raw("orders", 0, 9, bytes("k"), good, List.of())));
  }

  @Test
  void columnSchemasAreStableAcrossRecords() {
    Flattener flattener = flattener();
    FlatRecord a =
        flattener.flatten(
            raw("orders", 0, 1, bytes("k"), AvroWire.encode(orderId, order()), List.of()));
    FlatRecord b =
        flattener.flatten(
            raw("orders", 0, 2, bytes("k"), AvroWire.encode(orderId, order()), List.of()));
    for (int i = 0; i < a.columns().size(); i++) {
      assertSame(
          a.columns().get(i).schema(), b.columns().get(i).schema(), a.columns().get(i).name());
    }
  }
}
