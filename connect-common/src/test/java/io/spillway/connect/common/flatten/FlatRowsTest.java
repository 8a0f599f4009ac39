package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FlatRowsTest {

  @Test
  void schemalessMapKeepsColumnOrderWithJsonFriendlyValues() {
    FlatRecord row =
        Inputs.flattener("flatten.mode", "unpacked")
            .flatten(raw("t", 2, 5, "k", "{\"a\":1,\"b\":\"x\",\"c\":null}"));
    Map<String, Object> map = FlatRows.toMap(row);
    assertEquals(
        java.util.List.of(
            "partition",
            "offset",
            "timestamp",
            "timestamp_type",
            "key",
            "headers",
            "value_a",
            "value_b",
            "value_c"),
        new ArrayList<>(map.keySet()));
    assertEquals(2, map.get("partition"));
    assertEquals(5L, map.get("offset"));
    assertEquals(Inputs.TIMESTAMP, map.get("timestamp"));
    assertEquals(1L, map.get("value_a"));
    assertEquals(null, map.get("value_c"));
  }

  @Test
  void schemaOfTracksEachTopicSeparately() {
    Flattener flattener = Inputs.flattener("flatten.mode", "unpacked");
    FlatRows rows = new FlatRows();
    rows.toConnect(flattener.flatten(raw("a", 0, 0, "k", "{\"x\":1}")));
    rows.toConnect(flattener.flatten(raw("b", 0, 0, "k", "{\"y\":\"s\"}")));
    assertEquals("io.spillway.connect.flat.a", rows.schemaOf("a").name());
    assertEquals(null, rows.schemaOf("a").field("value_y"));
    assertEquals(null, rows.schemaOf("b").field("value_x"));
    assertEquals(null, rows.schemaOf("c"));
  }

  private static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
    return new SinkRecord("mirror", 0, keySchema, key, valueSchema, value, 9L);
  }

  @Test
  void aRowWithThePositionKeyIsAFlatRow() {
    FlatRecord flat = Inputs.flattener().flatten(raw("t", 2, 5, "k", "{\"a\":1}"));
    SchemaAndValue row = new FlatRows().toConnect(flat);
    Struct key = Columns.positionKey(flat);
    assertTrue(FlatRows.isFlatRow(record(key.schema(), key, row.schema(), row.value())));
    assertTrue(
        FlatRows.isFlatRow(
            record(null, Map.of("partition", 2, "offset", 5L), null, FlatRows.toMap(flat))));
  }

  @Test
  void otherRecordsAreNotFlatRows() {
    FlatRecord flat = Inputs.flattener().flatten(raw("t", 2, 5, "k", "{\"a\":1}"));
    SchemaAndValue row = new FlatRows().toConnect(flat);
    Schema otherKey =
        SchemaBuilder.struct()
            .name("Position")
            .field("partition", Schema.INT32_SCHEMA)
            .field("offset", Schema.INT64_SCHEMA)
            .build();
    Struct key = new Struct(otherKey).put("partition", 2).put("offset", 5L);
    assertFalse(FlatRows.isFlatRow(record(otherKey, key, row.schema(), row.value())));
    Struct positionKey = Columns.positionKey(flat);
    Schema notARow = SchemaBuilder.struct().field("partition", Schema.INT32_SCHEMA).build();
    assertFalse(
        FlatRows.isFlatRow(
            record(
                positionKey.schema(),
                positionKey,
                notARow,
                new Struct(notARow).put("partition", 2))));
    assertFalse(
        FlatRows.isFlatRow(
            record(
                null, Map.of("partition", 2, "offset", 5L, "x", 1), null, FlatRows.toMap(flat))));
    assertFalse(FlatRows.isFlatRow(record(null, "k", null, FlatRows.toMap(flat))));
    assertFalse(FlatRows.isFlatRow(record(positionKey.schema(), positionKey, null, null)));
  }
}
