package io.spillway.connect.flinkupsert.format.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.avro.SchemaRegistryClient;
import io.spillway.connect.testkit.AvroWire;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our bytes decoded by Flink's own avro-confluent reader classes (flink-avro 2.2.1). */
class AvroConfluentRowSerializerTest {
  private static final String TOPIC = "orders";

  /** Connect's key: optional fields (as many converters deliver them). */
  private static final Schema KEY =
      SchemaBuilder.struct()
          .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
          .field("id", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  /** Flink's key row: PRIMARY KEY (tenant, id) makes both NOT NULL. */
  private static final RowType FLINK_KEY =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("tenant", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("id", DataTypes.BIGINT().notNull()))
              .notNull()
              .getLogicalType();

  private final TestSchemaRegistry registry = new TestSchemaRegistry();
  private final SchemaRegistryClient client =
      new SchemaRegistryClient(List.of(registry.url()), null, Duration.ofSeconds(5));
  private final AvroConfluentRowSerializer keys =
      new AvroConfluentRowSerializer(client, topic -> topic + "-key");
  private final AvroConfluentRowSerializer values =
      new AvroConfluentRowSerializer(client, topic -> topic + "-value");

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void flinkReadsEveryTypeAndEveryNull() throws Exception {
    FlinkRegistryReader flink = new FlinkRegistryReader(EveryTypeTable.FLINK, registry.url());
    byte[] full = values.serialize(TOPIC, EveryTypeTable.CONNECT, EveryTypeTable.full(1));
    byte[] nulls = values.serialize(TOPIC, EveryTypeTable.CONNECT, EveryTypeTable.nulls(2));

    assertEquals(EveryTypeTable.expectedFull(1), flink.read(full));
    assertEquals(EveryTypeTable.expectedNulls(2), flink.read(nulls));
    int id = AvroWire.schemaId(full);
    assertEquals(id, AvroWire.schemaId(nulls));
    assertEquals(
        List.of(AvroSchemaConverter.convertToSchema(EveryTypeTable.FLINK)),
        registry.schemas(TOPIC + "-value"));
  }

  @Test
  void upsertsAndDeletesReadByFlinkGiveTheFinalTable() throws Exception {
    Schema value =
        SchemaBuilder.struct()
            .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
            .field("id", Schema.OPTIONAL_INT64_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    RowType flinkValue =
        (RowType)
            DataTypes.ROW(
                    DataTypes.FIELD("tenant", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                    DataTypes.FIELD("status", DataTypes.STRING()))
                .notNull()
                .getLogicalType();
    // (tenant, id, status); status "DELETE" stands for a tombstone: a key with no value row.
    String[][] changes = {
      {"t1", "1", "new"}, {"t1", "2", "new"}, {"t2", "1", "new"}, {"t1", "1", "paid"},
      {"t1", "2", "DELETE"}, {"t2", "1", null}, {"t1", "3", "new"}, {"t1", "3", "DELETE"},
      {"t1", "3", "back"},
    };
    List<byte[][]> topic = new java.util.ArrayList<>();
    for (String[] change : changes) {
      Struct key = new Struct(KEY).put("tenant", change[0]).put("id", Long.parseLong(change[1]));
      byte[] valueBytes =
          "DELETE".equals(change[2])
              ? null
              : values.serialize(
                  TOPIC,
                  value,
                  new Struct(value)
                      .put("tenant", change[0])
                      .put("id", Long.parseLong(change[1]))
                      .put("status", change[2]));
      topic.add(new byte[][] {keys.serialize(TOPIC, KEY, key), valueBytes});
    }

    // Flink's upsert reader: the key bytes identify the row, a null value deletes it.
    FlinkRegistryReader keyReader = new FlinkRegistryReader(FLINK_KEY, registry.url());
    FlinkRegistryReader valueReader = new FlinkRegistryReader(flinkValue, registry.url());
    Map<RowData, RowData> table = new LinkedHashMap<>();
    for (byte[][] record : topic) {
      RowData key = keyReader.read(record[0]);
      if (record[1] == null) {
        table.remove(key);
      } else {
        table.put(key, valueReader.read(record[1]));
      }
    }
    Map<RowData, RowData> expected = new LinkedHashMap<>();
    expected.put(row("t1", 1L), row("t1", 1L, "paid"));
    expected.put(row("t2", 1L), row("t2", 1L, null));
    expected.put(row("t1", 3L), row("t1", 3L, "back"));
    assertEquals(expected, table);

    assertEquals(
        java.util.Set.of(TOPIC + "-key", TOPIC + "-value"),
        java.util.Set.copyOf(registry.subjects()));
    assertEquals(1, registry.schemas(TOPIC + "-key").size());
    assertEquals(1, registry.schemas(TOPIC + "-value").size());
    // Equal keys are equal bytes (Kafka partitions and compacts by them).
    assertArrayEquals(topic.get(0)[0], topic.get(3)[0]);
  }

  @Test
  void schemaIsRegisteredOncePerSubjectAndSchema() {
    registry.resetRequestCount();
    for (long id = 1; id <= 50; id++) {
      keys.serialize(TOPIC, KEY, new Struct(KEY).put("tenant", "t").put("id", id));
      // A schema equal to KEY but another instance (as after a converter's cache eviction).
      Schema copy =
          SchemaBuilder.struct()
              .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
              .field("id", Schema.OPTIONAL_INT64_SCHEMA)
              .build();
      keys.serialize(TOPIC, copy, new Struct(copy).put("tenant", "t").put("id", id));
    }
    assertEquals(1, registry.requestCount());
    keys.serialize("other", KEY, new Struct(KEY).put("tenant", "t").put("id", 1L));
    assertEquals(List.of(TOPIC + "-key", "other-key"), registry.subjects());
  }

  @Test
  void evolvedSchemaRegistersANewVersionAndBothFlinkTablesReadBoth() throws Exception {
    Schema v1 = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    Schema v2 =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    byte[] old = values.serialize(TOPIC, v1, new Struct(v1).put("id", 1L));
    byte[] evolved = values.serialize(TOPIC, v2, new Struct(v2).put("id", 2L).put("note", "hi"));
    assertEquals(2, registry.schemas(TOPIC + "-value").size());

    RowType oldTable =
        (RowType)
            DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT().notNull()))
                .notNull()
                .getLogicalType();
    RowType newTable =
        (RowType)
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                    DataTypes.FIELD("note", DataTypes.STRING()))
                .notNull()
                .getLogicalType();
    FlinkRegistryReader oldReader = new FlinkRegistryReader(oldTable, registry.url());
    FlinkRegistryReader newReader = new FlinkRegistryReader(newTable, registry.url());
    assertEquals(GenericRowData.of(2L), oldReader.read(evolved));
    assertEquals(GenericRowData.of(1L, null), newReader.read(old), "default null fills the gap");
    assertEquals(GenericRowData.of(2L, StringData.fromString("hi")), newReader.read(evolved));
  }

  @Test
  void incompatibleSchemaIsADataExceptionNamingTheSubject() {
    Schema v1 = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    values.serialize(TOPIC, v1, new Struct(v1).put("id", 1L));
    registry.rejectNewSchemas(TOPIC + "-value");
    Schema v2 = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
    DataException e =
        assertThrows(
            DataException.class, () -> values.serialize(TOPIC, v2, new Struct(v2).put("id", "x")));
    assertTrue(e.getMessage().contains("subject orders-value (409)"), e.getMessage());
  }

  @Test
  void unreachableRegistryIsRetriableAndNothingIsCachedWrongly() {
    Schema v1 = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    registry.stop();
    assertThrows(
        org.apache.kafka.connect.errors.RetriableException.class,
        () -> values.serialize(TOPIC, v1, new Struct(v1).put("id", 1L)));
    registry.start();
    byte[] bytes = values.serialize(TOPIC, v1, new Struct(v1).put("id", 1L));
    assertEquals(registry.schemas(TOPIC + "-value").size(), 1);
    assertEquals(1, AvroWire.schemaId(bytes));
  }

  @Test
  void schemalessRowsAreRefusedNamingTheFix() {
    Map<String, Object> row = Map.of("id", 1L);
    DataException e = assertThrows(DataException.class, () -> values.serialize(TOPIC, null, row));
    assertTrue(e.getMessage().contains("avro-confluent needs rows with schemas"), e.getMessage());
    assertTrue(e.getMessage().contains("JsonConverter with schemas.enable=true"), e.getMessage());
    assertTrue(registry.subjects().isEmpty());
  }

  @Test
  void nullInARequiredColumnIsADataException() {
    Schema required =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Struct unset = new Struct(required).put("note", "no id"); // Struct checks only on validate()
    DataException e =
        assertThrows(DataException.class, () -> values.serialize(TOPIC, required, unset));
    assertTrue(e.getMessage().contains("required column 'id' is null"), e.getMessage());
  }

  @Test
  void decimalsAreScaledOrRefusedNeverSilentlyNulled() throws Exception {
    Schema money =
        SchemaBuilder.struct()
            .field(
                "amount",
                org.apache.kafka.connect.data.Decimal.builder(2)
                    .parameter("connect.decimal.precision", "5")
                    .build())
            .build();
    RowType flinkMoney =
        (RowType)
            DataTypes.ROW(DataTypes.FIELD("amount", DataTypes.DECIMAL(5, 2).notNull()))
                .notNull()
                .getLogicalType();
    FlinkRegistryReader flink = new FlinkRegistryReader(flinkMoney, registry.url());
    // A value at a smaller scale (Struct.put does not check it) is written at the column's scale.
    byte[] bytes =
        values.serialize(TOPIC, money, new Struct(money).put("amount", new BigDecimal("1.5")));
    assertEquals(
        GenericRowData.of(DecimalData.fromBigDecimal(new BigDecimal("1.50"), 5, 2)),
        flink.read(bytes));

    DataException tooBig =
        assertThrows(
            DataException.class,
            () ->
                values.serialize(
                    TOPIC, money, new Struct(money).put("amount", new BigDecimal("1234.50"))));
    assertTrue(tooBig.getMessage().contains("does not fit DECIMAL(5, 2)"), tooBig.getMessage());
    DataException tooFine =
        assertThrows(
            DataException.class,
            () ->
                values.serialize(
                    TOPIC, money, new Struct(money).put("amount", new BigDecimal("1.505"))));
    assertTrue(tooFine.getMessage().contains("more than 2 decimals"), tooFine.getMessage());
  }

  @Test
  void columnNamesAvroCannotHoldAreADataException() {
    Schema dashed = SchemaBuilder.struct().field("order-id", Schema.INT64_SCHEMA).build();
    DataException e =
        assertThrows(
            DataException.class,
            () -> values.serialize(TOPIC, dashed, new Struct(dashed).put("order-id", 1L)));
    assertTrue(e.getMessage().contains("rename the columns"), e.getMessage());
    assertTrue(registry.subjects().isEmpty());
  }

  private static RowData row(Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] instanceof String s) {
        fields[i] = StringData.fromString(s);
      }
    }
    return GenericRowData.of(fields);
  }
}
