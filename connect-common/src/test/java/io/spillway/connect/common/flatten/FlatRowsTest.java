package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Map;
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
}
