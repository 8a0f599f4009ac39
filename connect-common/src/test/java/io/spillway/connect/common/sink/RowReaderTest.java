package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class RowReaderTest {

  @Test
  void structFieldsKeepTheirSchemaTypes() {
    Schema address = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("small", Schema.INT8_SCHEMA)
            .field("price", Decimal.schema(2))
            .field("at", Timestamp.SCHEMA)
            .field("address", address)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Date at = new Date(1_700_000_000_000L);
    Struct value =
        new Struct(schema)
            .put("id", 7L)
            .put("small", (byte) 3)
            .put("price", new BigDecimal("12.50"))
            .put("at", at)
            .put("address", new Struct(address).put("city", "Oslo"));

    List<Cell> cells = RowReader.fields(schema, value);

    assertEquals(Cell.of("id", ColumnType.INT64, 7L), cells.get(0));
    assertEquals(Cell.of("small", ColumnType.INT16, (short) 3), cells.get(1));
    assertEquals(new Cell("price", ColumnType.DECIMAL, 2, new BigDecimal("12.50")), cells.get(2));
    assertEquals(Cell.of("at", ColumnType.TIMESTAMP, at), cells.get(3));
    assertEquals(Cell.of("address", ColumnType.JSON, "{\"city\":\"Oslo\"}"), cells.get(4));
    assertEquals(Cell.of("note", ColumnType.STRING, null), cells.get(5));
  }

  @Test
  void schemalessMapsAreTypedByTheirValues() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", 1L);
    value.put("f", 1.5);
    value.put("b", true);
    value.put("s", "x");
    value.put("nested", Map.of("a", 1));
    value.put("list", List.of(1, 2));
    value.put("missing", null);
    value.put("bytes", ByteBuffer.wrap(new byte[] {1, 2}));

    List<Cell> cells = RowReader.fields(null, value);

    assertEquals(ColumnType.INT64, cells.get(0).type());
    assertEquals(ColumnType.FLOAT64, cells.get(1).type());
    assertEquals(ColumnType.BOOLEAN, cells.get(2).type());
    assertEquals(ColumnType.STRING, cells.get(3).type());
    assertEquals(Cell.of("nested", ColumnType.JSON, "{\"a\":1}"), cells.get(4));
    assertEquals(Cell.of("list", ColumnType.JSON, "[1,2]"), cells.get(5));
    assertEquals(ColumnType.UNKNOWN, cells.get(6).type());
    assertArrayEquals(new byte[] {1, 2}, (byte[]) cells.get(7).value());
  }

  @Test
  void refusesValuesWithoutFields() {
    assertThrows(DataException.class, () -> RowReader.fields(Schema.STRING_SCHEMA, "text"));
    assertThrows(DataException.class, () -> RowReader.fields(null, Map.of(1, "x")));
  }
}
