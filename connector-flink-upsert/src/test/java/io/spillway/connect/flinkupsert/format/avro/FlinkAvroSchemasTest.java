package io.spillway.connect.flinkupsert.format.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.avro.LogicalTypes;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** Our schema against Flink 2.2's own AvroSchemaConverter for the same table. */
class FlinkAvroSchemasTest {

  @Test
  void everyTypeMatchesFlinksAvroSchemaConverter() {
    org.apache.avro.Schema flinks = AvroSchemaConverter.convertToSchema(EveryTypeTable.FLINK);
    org.apache.avro.Schema ours = FlinkAvroSchemas.rowSchema(EveryTypeTable.CONNECT);
    assertEquals(flinks.toString(), ours.toString());
    assertEquals(flinks, ours);
    assertEquals("org.apache.flink.avro.generated.record", ours.getFullName());
    assertEquals(
        "org.apache.flink.avro.generated.record_address_geo",
        FlinkAvroSchemas.rowSchema(EveryTypeTable.CONNECT)
            .getField("address")
            .schema()
            .getTypes()
            .get(1)
            .getField("geo")
            .schema()
            .getTypes()
            .get(1)
            .getFullName());
  }

  @Test
  void keyRowMatchesFlinksKeySchema() {
    Schema key =
        SchemaBuilder.struct()
            .field("tenant", Schema.STRING_SCHEMA)
            .field("id", Schema.INT64_SCHEMA)
            .build();
    RowType flinkKey =
        (RowType)
            DataTypes.ROW(
                    DataTypes.FIELD("tenant", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()))
                .notNull()
                .getLogicalType();
    assertEquals(AvroSchemaConverter.convertToSchema(flinkKey), FlinkAvroSchemas.rowSchema(key));
  }

  @Test
  void decimalWithoutPrecisionGetsFlinksMaximum() {
    Schema row = SchemaBuilder.struct().field("amount", Decimal.schema(4)).build();
    org.apache.avro.Schema amount = FlinkAvroSchemas.rowSchema(row).getField("amount").schema();
    assertEquals(LogicalTypes.decimal(38, 4), amount.getLogicalType());
    RowType flink =
        (RowType)
            DataTypes.ROW(DataTypes.FIELD("amount", DataTypes.DECIMAL(38, 4).notNull()))
                .notNull()
                .getLogicalType();
    assertEquals(AvroSchemaConverter.convertToSchema(flink), FlinkAvroSchemas.rowSchema(row));
  }

  @Test
  void nonStringMapKeysAndNonStructRowsAreRefused() {
    Schema intKeys =
        SchemaBuilder.struct()
            .field("m", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
            .build();
    DataException mapKeys =
        assertThrows(DataException.class, () -> FlinkAvroSchemas.rowSchema(intKeys));
    assertTrue(
        mapKeys.getMessage().contains("only STRING map keys, got INT32 in m"),
        mapKeys.getMessage());

    DataException primitive =
        assertThrows(DataException.class, () -> FlinkAvroSchemas.rowSchema(Schema.INT64_SCHEMA));
    assertTrue(primitive.getMessage().contains("STRUCT schema is needed, got INT64"));
  }
}
