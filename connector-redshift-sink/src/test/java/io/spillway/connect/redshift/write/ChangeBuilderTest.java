package io.spillway.connect.redshift.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.Changelog;
import io.spillway.connect.common.sink.KeyPicker;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.dialect.Dialect;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ChangeBuilderTest {
  private static final Schema KEY = SchemaBuilder.struct().field("Id", Schema.INT64_SCHEMA).build();

  private static ChangeBuilder builder(String... settings) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", "jdbc:redshift://localhost:5439/dev");
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    RedshiftSinkConfig config = new RedshiftSinkConfig(props);
    return new ChangeBuilder(config, Dialect.of(config));
  }

  private static Map<String, Object> value(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void recordKeyFieldsComeFirstAndNamesAreFolded() {
    ChangeBuilder builder = builder("pk.mode", "record_key", "insert.mode", "upsert");
    SinkRecord record =
        new SinkRecord(
            "Orders", 0, KEY, new Struct(KEY).put("Id", 7L), null, value("Total", 1.5), 42);

    Change change = builder.build(record);

    assertEquals(new TableId("public", "orders"), change.table());
    assertEquals(List.of("id"), change.keyColumns());
    assertEquals(List.of(7L), change.key());
    assertEquals(List.of("id", "total"), List.copyOf(change.cells().keySet()));
  }

  @Test
  void kafkaModeKeysByTopicPartitionOffset() {
    Change change =
        builder("pk.mode", "kafka")
            .build(new SinkRecord("t", 3, null, null, null, value("a", 1L), 99));
    assertEquals(List.of("t", 3, 99L), change.key());
    assertEquals(KeyPicker.KAFKA_COLUMNS, change.keyColumns());
  }

  @Test
  void tombstonesDeleteByKeyOrAreSkipped() {
    SinkRecord tombstone =
        new SinkRecord("t", 0, KEY, new Struct(KEY).put("Id", 7L), null, null, 1);
    Change delete =
        builder("pk.mode", "record_key", "insert.mode", "upsert", "delete.enabled", "true")
            .build(tombstone);
    assertTrue(delete.delete());
    assertEquals(List.of("id"), List.copyOf(delete.cells().keySet()));

    assertNull(builder("pk.mode", "record_key", "insert.mode", "upsert").build(tombstone));
  }

  @Test
  void flattenedTombstoneRowsDeleteByTheirValueKey() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(Changelog.TOMBSTONE_HEADER, "true");
    SinkRecord row =
        new SinkRecord(
            "t",
            0,
            null,
            null,
            null,
            value("key", "order-1", "value", null),
            5,
            null,
            null,
            headers);
    Change change =
        builder(
                "pk.mode",
                "record_value",
                "pk.fields",
                "key",
                "insert.mode",
                "upsert",
                "delete.enabled",
                "true")
            .build(row);
    assertTrue(change.delete());
    assertEquals(List.of("order-1"), change.key());
  }

  @Test
  void refusesRecordsThatCannotBecomeRows() {
    ChangeBuilder byValue =
        builder("pk.mode", "record_value", "pk.fields", "id", "insert.mode", "upsert");
    assertThrows(
        RejectedRecordException.class,
        () -> byValue.build(new SinkRecord("t", 0, null, null, null, value("id", null), 1)));
    assertThrows(
        RejectedRecordException.class,
        () -> byValue.build(new SinkRecord("t", 0, null, null, null, value("other", 1L), 1)));
    RejectedRecordException collision =
        assertThrows(
            RejectedRecordException.class,
            () ->
                builder()
                    .build(new SinkRecord("t", 0, null, null, null, value("A", 1L, "a", 2L), 1)));
    assertTrue(collision.getMessage().contains("both map to column \"a\""));
  }

  @Test
  void aKeyFieldRepeatedInTheValueKeepsTheKeyCellButAnotherFieldOnItsColumnIsRefused() {
    ChangeBuilder builder = builder("pk.mode", "record_key", "insert.mode", "upsert");
    Change change =
        builder.build(
            new SinkRecord(
                "t", 0, KEY, new Struct(KEY).put("Id", 7L), null, value("Id", 8L, "n", 1L), 1));
    assertEquals(List.of("id", "n"), List.copyOf(change.cells().keySet()));
    assertEquals(7L, change.cells().get("id").value());
    RejectedRecordException collision =
        assertThrows(
            RejectedRecordException.class,
            () ->
                builder.build(
                    new SinkRecord(
                        "t", 0, KEY, new Struct(KEY).put("Id", 7L), null, value("id", 8L), 1)));
    assertEquals("fields 'Id' and 'id' both map to column \"id\"", collision.getMessage());
  }

  @Test
  void recordsOfAlternatingFieldsEachGetTheirOwnCellsInFieldOrder() {
    ChangeBuilder builder = builder("pk.mode", "record_key", "insert.mode", "upsert");
    Struct key = new Struct(KEY).put("Id", 7L);
    for (int round = 0; round < 2; round++) {
      Change wide =
          builder.build(new SinkRecord("t", 0, KEY, key, null, value("B", 1L, "a", "x"), 1));
      Change narrow = builder.build(new SinkRecord("t", 0, KEY, key, null, value("c", 2.5), 2));
      assertThrows(
          RejectedRecordException.class,
          () -> builder.build(new SinkRecord("t", 0, KEY, key, null, value("C", 1, "c", 2), 3)));

      assertEquals(List.of("id", "b", "a"), List.copyOf(wide.cells().keySet()));
      assertEquals("x", wide.cells().get("a").value());
      assertNull(wide.cells().get("c"));
      assertEquals(List.of("id", "c"), List.copyOf(narrow.cells().keySet()));
      assertEquals(2.5, narrow.cells().get("c").value());
      Map<String, Object> values = new LinkedHashMap<>();
      wide.cells().forEach((column, cell) -> values.put(column, cell.value()));
      assertEquals(value("id", 7L, "b", 1L, "a", "x"), values);
      assertEquals(Map.copyOf(wide.cells()), wide.cells());
    }
  }
}
