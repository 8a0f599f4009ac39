package io.spillway.connect.flinkupsert.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class KeyFieldsTest {
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("name", Schema.STRING_SCHEMA)
          .field("id", Schema.INT64_SCHEMA)
          .field("tenant", Schema.STRING_SCHEMA)
          .build();

  static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
    return new SinkRecord("orders", 2, keySchema, key, valueSchema, value, 17);
  }

  @Test
  void keyFieldsFromTheValueInKeyOrder() {
    Struct value = new Struct(VALUE).put("name", "a").put("id", 7L).put("tenant", "t1");
    Row key =
        new KeyFields(List.of("tenant", "id"), false).keyRow(record(null, null, VALUE, value));
    assertEquals(List.of("tenant", "id"), key.columns());
    Struct struct = (Struct) key.value();
    assertEquals("t1", struct.get("tenant"));
    assertEquals(7L, struct.get("id"));
    assertEquals(Schema.Type.INT64, key.schema().field("id").schema().type());
  }

  @Test
  void schemalessValue() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", 3L);
    value.put("tenant", "t2");
    Row key = new KeyFields(List.of("tenant", "id"), false).keyRow(record(null, null, null, value));
    assertEquals(Map.of("tenant", "t2", "id", 3L), key.value());
    assertEquals(List.of("tenant", "id"), key.columns());
  }

  @Test
  void tombstoneTakesTheKeyFromTheRecordKey() {
    Schema keySchema =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("tenant", Schema.STRING_SCHEMA)
            .build();
    Struct recordKey = new Struct(keySchema).put("id", 7L).put("tenant", "t1");
    Row key =
        new KeyFields(List.of("tenant", "id"), false)
            .keyRow(record(keySchema, recordKey, VALUE, null));
    assertEquals(List.of("tenant", "id"), key.columns());

    Row primitive =
        new KeyFields(List.of("id"), false).keyRow(record(Schema.INT64_SCHEMA, 9L, VALUE, null));
    assertEquals(9L, ((Struct) primitive.value()).get("id"));
    Row schemaless = new KeyFields(List.of("id"), false).keyRow(record(null, "k9", null, null));
    assertEquals(Map.of("id", "k9"), schemaless.value());
  }

  @Test
  void missingOrNullKeyFieldIsNamed() {
    Map<String, Object> value = Map.of("name", "x");
    MissingKeyException missing =
        assertThrows(
            MissingKeyException.class,
            () -> new KeyFields(List.of("id"), false).keyRow(record(null, null, null, value)));
    assertTrue(missing.getMessage().contains("key field id is missing"), missing.getMessage());

    Schema optional = SchemaBuilder.struct().field("id", Schema.OPTIONAL_INT64_SCHEMA).build();
    MissingKeyException isNull =
        assertThrows(
            MissingKeyException.class,
            () ->
                new KeyFields(List.of("id"), false)
                    .keyRow(record(null, null, optional, new Struct(optional))));
    assertTrue(isNull.getMessage().contains("key field id is null"), isNull.getMessage());

    assertThrows(
        MissingKeyException.class,
        () ->
            new KeyFields(List.of("other"), false)
                .keyRow(
                    record(
                        null,
                        null,
                        VALUE,
                        new Struct(VALUE).put("name", "a").put("id", 1L).put("tenant", "t"))));
  }

  @Test
  void emptyKeyFieldsUseTheRecordKey() {
    Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    Struct recordKey = new Struct(keySchema).put("id", 1L);
    assertEquals(
        recordKey,
        new KeyFields(List.of(), false).keyRow(record(keySchema, recordKey, null, null)).value());
    assertThrows(
        MissingKeyException.class,
        () ->
            new KeyFields(List.of(), false).keyRow(record(Schema.STRING_SCHEMA, "k", null, null)));
    assertEquals(
        "k",
        new KeyFields(List.of(), true)
            .keyRow(record(Schema.STRING_SCHEMA, "k", null, null))
            .value());
    assertThrows(
        MissingKeyException.class,
        () -> new KeyFields(List.of(), true).keyRow(record(null, null, null, Map.of())));
  }
}
