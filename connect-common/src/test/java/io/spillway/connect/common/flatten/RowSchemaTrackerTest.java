package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class RowSchemaTrackerTest {
  private Flattener flattener = Inputs.flattener("flatten.mode", "unpacked");
  private FlatRows rows = new FlatRows();
  private long offset;

  private SchemaAndValue row(String json) {
    return rows.toConnect(flattener.flatten(raw("t", 0, offset++, "k", json)));
  }

  private static Schema.Type typeOf(SchemaAndValue row, String field) {
    return row.schema().field(field).schema().type();
  }

  private static Object valueOf(SchemaAndValue row, String field) {
    return ((Struct) row.value()).get(field);
  }

  @Test
  void sameSchemaInstanceWhileNothingChanges() {
    SchemaAndValue first = row("{\"a\":1,\"b\":\"x\"}");
    SchemaAndValue second = row("{\"a\":2,\"b\":\"y\"}");
    assertSame(first.schema(), second.schema());
    SchemaAndValue other = row("{\"a\":\"s\",\"b\":\"y\"}");
    assertNotSame(first.schema(), other.schema());
    // A shape seen before gets its schema instance back, not an equal copy.
    assertSame(first.schema(), row("{\"a\":3,\"b\":\"z\"}").schema());
  }

  @Test
  void aValueOfAnotherTypeChangesOnlyItsOwnRow() {
    assertEquals(Schema.Type.INT64, typeOf(row("{\"n\":1}"), "value_n"));
    assertEquals(Schema.Type.FLOAT64, typeOf(row("{\"n\":1.5}"), "value_n"));
    SchemaAndValue odd = row("{\"n\":\"not-a-number\"}");
    assertEquals(Schema.Type.STRING, typeOf(odd, "value_n"));
    SchemaAndValue after = row("{\"n\":5.5}");
    assertEquals(Schema.Type.FLOAT64, typeOf(after, "value_n"));
    assertEquals(5.5, valueOf(after, "value_n"));
    SchemaAndValue integer = row("{\"n\":7}");
    assertEquals(Schema.Type.INT64, typeOf(integer, "value_n"));
    assertEquals(7L, valueOf(integer, "value_n"));
  }

  @Test
  void aRestartedTaskEmitsExactlyWhatTheFirstOneDid() {
    List<String> stream =
        List.of(
            "{\"id\":1,\"amount\":5.5}",
            "{\"id\":2,\"amount\":\"not-a-number\",\"note\":\"x\"}",
            "{\"id\":30,\"amount\":5.5}",
            "{\"id\":31,\"amount\":7}");
    List<SchemaAndValue> uninterrupted = new ArrayList<>();
    for (String json : stream) {
      uninterrupted.add(row(json));
    }
    // A new task (fresh flattener and schemas) resumes at the third record.
    flattener = Inputs.flattener("flatten.mode", "unpacked");
    rows = new FlatRows();
    offset = 2;
    for (int i = 2; i < stream.size(); i++) {
      SchemaAndValue resumed = row(stream.get(i));
      assertEquals(uninterrupted.get(i).schema(), resumed.schema());
      assertEquals(uninterrupted.get(i).value(), resumed.value());
    }
  }

  @Test
  void newFieldAddsAnOptionalColumnToItsRow() {
    SchemaAndValue before = row("{\"a\":1}");
    SchemaAndValue after = row("{\"a\":1,\"z\":\"new\"}");
    assertNotSame(before.schema(), after.schema());
    Schema z = after.schema().field("value_z").schema();
    assertTrue(z.isOptional());
    assertEquals(after.schema().fields().size() - 1, after.schema().field("value_z").index());
    SchemaAndValue older = row("{\"a\":2}");
    assertSame(before.schema(), older.schema());
    assertNull(older.schema().field("value_z"));
  }

  @Test
  void nullNeverFixesAColumnType() {
    SchemaAndValue first = row("{\"a\":null}");
    assertNull(first.schema().field("value_a"));
    SchemaAndValue typed = row("{\"a\":5}");
    assertEquals(Schema.Type.INT64, typeOf(typed, "value_a"));
  }

  @Test
  void numbersFloat64CannotKeepStayExactDecimals() {
    SchemaAndValue big = row("{\"n\":12345678901234567.89}");
    assertEquals(Decimal.LOGICAL_NAME, big.schema().field("value_n").schema().name());
    assertEquals(new BigDecimal("12345678901234567.89"), valueOf(big, "value_n"));
    SchemaAndValue tiny = row("{\"n\":0.1000000000000000055511151231257827}");
    assertEquals(new BigDecimal("0.1000000000000000055511151231257827"), valueOf(tiny, "value_n"));
    SchemaAndValue huge = row("{\"n\":1e400}");
    assertEquals(0, new BigDecimal("1e400").compareTo((BigDecimal) valueOf(huge, "value_n")));
    SchemaAndValue beyondLong = row("{\"n\":123456789012345678901234567890}");
    assertEquals(new BigDecimal("123456789012345678901234567890"), valueOf(beyondLong, "value_n"));
    SchemaAndValue absurd = row("{\"n\":1e999999999}");
    assertEquals("1e999999999", valueOf(absurd, "value_n"));
    // What float64 does keep stays FLOAT64, negative zero included.
    assertEquals(0.1, valueOf(row("{\"n\":0.1}"), "value_n"));
    assertEquals(1.2345678901234568e16, valueOf(row("{\"n\":12345678901234568e0}"), "value_n"));
    assertEquals(
        Decimal.LOGICAL_NAME,
        row("{\"n\":12345678901234567e0}").schema().field("value_n").schema().name());
    assertEquals(5e-324, valueOf(row("{\"n\":4.9e-324}"), "value_n"));
    Object negativeZero = valueOf(row("{\"n\":-0.0}"), "value_n");
    assertEquals(
        Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) negativeZero));
    assertEquals(Schema.Type.BYTES, typeOf(row("{\"n\":1e-400}"), "value_n"));
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
