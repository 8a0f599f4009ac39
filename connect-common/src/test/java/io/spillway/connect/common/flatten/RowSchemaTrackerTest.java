package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class RowSchemaTrackerTest {
  private final Flattener flattener = Inputs.flattener("flatten.mode", "unpacked");
  private final FlatRows rows = new FlatRows();
  private long offset;

  private SchemaAndValue row(String json) {
    return rows.toConnect(flattener.flatten(raw("t", 0, offset++, "k", json)));
  }

  private static Schema.Type typeOf(SchemaAndValue row, String field) {
    return row.schema().field(field).schema().type();
  }

  @Test
  void sameSchemaInstanceWhileNothingChanges() {
    SchemaAndValue first = row("{\"a\":1,\"b\":\"x\"}");
    SchemaAndValue second = row("{\"a\":2,\"b\":\"y\"}");
    SchemaAndValue third = row("{\"a\":3,\"b\":null}");
    assertSame(first.schema(), second.schema());
    assertSame(first.schema(), third.schema());
    assertNull(((Struct) third.value()).get("value_b"));
  }

  @Test
  void int64WidensToFloat64ThenToString() {
    assertEquals(Schema.Type.INT64, typeOf(row("{\"n\":1}"), "value_n"));
    SchemaAndValue asFloat = row("{\"n\":1.5}");
    assertEquals(Schema.Type.FLOAT64, typeOf(asFloat, "value_n"));
    SchemaAndValue intAfterFloat = row("{\"n\":7}");
    assertEquals(7.0, ((Struct) intAfterFloat.value()).get("value_n"));
    SchemaAndValue asString = row("{\"n\":\"seven\"}");
    assertEquals(Schema.Type.STRING, typeOf(asString, "value_n"));
    SchemaAndValue numberAfterString = row("{\"n\":8}");
    assertEquals("8", ((Struct) numberAfterString.value()).get("value_n"));
    SchemaAndValue floatAfterString = row("{\"n\":2.25}");
    assertEquals("2.25", ((Struct) floatAfterString.value()).get("value_n"));
  }

  @Test
  void booleanAndNumberConflictWidensToString() {
    row("{\"f\":true}");
    SchemaAndValue widened = row("{\"f\":3}");
    assertEquals(Schema.Type.STRING, typeOf(widened, "value_f"));
    assertEquals("3", ((Struct) widened.value()).get("value_f"));
    assertEquals("false", ((Struct) row("{\"f\":false}").value()).get("value_f"));
  }

  @Test
  void newFieldAddsAnOptionalColumnAtTheEnd() {
    SchemaAndValue before = row("{\"a\":1}");
    SchemaAndValue after = row("{\"a\":1,\"z\":\"new\"}");
    assertNotSame(before.schema(), after.schema());
    Schema z = after.schema().field("value_z").schema();
    assertTrue(z.isOptional());
    assertEquals(after.schema().fields().size() - 1, after.schema().field("value_z").index());
    SchemaAndValue older = row("{\"a\":2}");
    assertSame(after.schema(), older.schema());
    assertNull(((Struct) older.value()).get("value_z"));
    assertEquals(Integer.valueOf(2), after.schema().version());
  }

  @Test
  void nullNeverFixesAColumnType() {
    SchemaAndValue first = row("{\"a\":null}");
    assertNull(first.schema().field("value_a"));
    SchemaAndValue typed = row("{\"a\":5}");
    assertEquals(Schema.Type.INT64, typeOf(typed, "value_a"));
  }

  @Test
  void swappedFieldTypesAreStillCheckedPerColumn() {
    row("{\"a\":1,\"b\":\"s\"}");
    SchemaAndValue swapped = row("{\"b\":2,\"a\":\"t\"}");
    assertEquals(Schema.Type.STRING, typeOf(swapped, "value_a"));
    assertEquals("t", ((Struct) swapped.value()).get("value_a"));
    assertEquals("2", ((Struct) swapped.value()).get("value_b"));
  }

  @Test
  void primaryKeyColumnsStayRequired() {
    Schema schema = row("{\"a\":1}").schema();
    assertTrue(!schema.field("partition").schema().isOptional());
    assertTrue(!schema.field("offset").schema().isOptional());
    assertEquals(
        List.of("partition", "offset", "timestamp", "timestamp_type", "key", "headers", "value_a"),
        schema.fields().stream().map(f -> f.name()).toList());
  }

  @Test
  void schemaNameIsAValidAvroName() {
    assertEquals("io.spillway.connect.flat.orders_v1", FlatRows.schemaName("orders.v1"));
    assertEquals("io.spillway.connect.flat._9_lives", FlatRows.schemaName("9-lives"));
  }
}
