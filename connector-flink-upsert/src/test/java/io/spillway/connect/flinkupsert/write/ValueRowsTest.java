package io.spillway.connect.flinkupsert.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.spillway.connect.flinkupsert.format.JsonRowSerializer;
import io.spillway.connect.flinkupsert.format.TimestampStandard;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ValueRowsTest {
  private static final JsonRowSerializer JSON = new JsonRowSerializer(TimestampStandard.SQL);

  private static String json(Row row) {
    return new String(JSON.serialize("t", row.schema(), row.value()), StandardCharsets.UTF_8);
  }

  private final Struct value =
      new Struct(KeyFieldsTest.VALUE).put("name", "a").put("id", 7L).put("tenant", "t1");
  private final Row key =
      new KeyFields(List.of("tenant", "id"), false)
          .keyRow(KeyFieldsTest.record(null, null, KeyFieldsTest.VALUE, value));

  @Test
  void allKeepsTheValueAsItIs() {
    Row row = new ValueRows(FieldsInclude.ALL).valueRow(key, value.schema(), value);
    assertSame(value, row.value());
    assertEquals("{\"name\":\"a\",\"id\":7,\"tenant\":\"t1\"}", json(row));
  }

  @Test
  void exceptKeyLeavesTheKeyColumnsOut() {
    ValueRows rows = new ValueRows(FieldsInclude.EXCEPT_KEY);
    assertEquals("{\"name\":\"a\"}", json(rows.valueRow(key, value.schema(), value)));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", 7L);
    map.put("name", "a");
    map.put("tenant", "t1");
    assertEquals("{\"name\":\"a\"}", json(rows.valueRow(key, null, map)));
  }

  @Test
  void keyColumnsOnlyInTheRecordKeyComeFirstWithAll() {
    Schema keySchema = SchemaBuilder.struct().field("order_id", Schema.INT64_SCHEMA).build();
    Row recordKey = new Row(keySchema, new Struct(keySchema).put("order_id", 5L));
    Schema valueSchema = SchemaBuilder.struct().field("status", Schema.STRING_SCHEMA).build();
    Struct v = new Struct(valueSchema).put("status", "paid");
    assertEquals(
        "{\"order_id\":5,\"status\":\"paid\"}",
        json(new ValueRows(FieldsInclude.ALL).valueRow(recordKey, valueSchema, v)));
    assertEquals(
        "{\"status\":\"paid\"}",
        json(new ValueRows(FieldsInclude.EXCEPT_KEY).valueRow(recordKey, valueSchema, v)));
    Row mapKey = new Row(null, Map.of("order_id", 5L));
    assertEquals(
        "{\"order_id\":5,\"status\":\"paid\"}",
        json(new ValueRows(FieldsInclude.ALL).valueRow(mapKey, null, Map.of("status", "paid"))));
  }
}
