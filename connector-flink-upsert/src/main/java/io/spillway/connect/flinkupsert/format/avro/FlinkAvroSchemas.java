package io.spillway.connect.flinkupsert.format.avro;

import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Avro schema Flink's {@code avro-confluent} format registers for a table: what Flink 2.2's
 * {@code AvroSchemaConverter.convertToSchema(rowType)} derives from the Flink row type equivalent
 * to a Connect STRUCT schema. The top record is {@code org.apache.flink.avro.generated.record}; a
 * nested row is named after its path ({@code record_address}, {@code record_address_geo}); an
 * optional column is {@code ["null", T]} with default null, a required one plain {@code T}.
 *
 * <p>Connect → Flink column types: INT8/INT16/INT32 → TINYINT/SMALLINT/INT (Avro int), INT64 →
 * BIGINT (long), FLOAT32/FLOAT64 → FLOAT/DOUBLE, BOOLEAN, STRING → STRING, BYTES → BYTES, Decimal →
 * DECIMAL(p, s) (bytes + decimal; p from {@code connect.decimal.precision}, else 38), Date → DATE
 * (int + date), Time → TIME(3) (int + time-millis), Timestamp → TIMESTAMP(3) (long +
 * timestamp-millis), ARRAY → ARRAY, MAP with STRING keys → MAP, STRUCT → ROW.
 */
public final class FlinkAvroSchemas {
  /** The record name Flink gives the top-level row (namespace + name). */
  public static final String ROW_NAME = "org.apache.flink.avro.generated.record";

  /** Precision of a Connect Decimal without {@code connect.decimal.precision}: Flink's maximum. */
  public static final int DEFAULT_DECIMAL_PRECISION = 38;

  private static final String PRECISION_PARAMETER = "connect.decimal.precision";

  private FlinkAvroSchemas() {}

  /** The Avro schema of a row; the row itself is never nullable (Flink's table rows are not). */
  public static org.apache.avro.Schema rowSchema(Schema struct) {
    if (struct == null || struct.type() != Schema.Type.STRUCT) {
      throw new DataException(
          "avro-confluent writes rows: a STRUCT schema is needed, got "
              + (struct == null ? "no schema" : struct.type()));
    }
    try {
      return record(struct, ROW_NAME);
    } catch (SchemaParseException e) {
      // Flink's AvroSchemaConverter fails on the same names: its reader could not exist either.
      throw new DataException(
          "the row's column names do not make an Avro schema ("
              + e.getMessage()
              + "): rename the columns, e.g. with the ReplaceField SMT",
          e);
    }
  }

  private static org.apache.avro.Schema record(Schema struct, String name) {
    SchemaBuilder.FieldAssembler<org.apache.avro.Schema> fields =
        SchemaBuilder.builder().record(name).fields();
    for (Field field : struct.fields()) {
      org.apache.avro.Schema type = convert(field.schema(), name + "_" + field.name());
      SchemaBuilder.GenericDefault<org.apache.avro.Schema> column =
          fields.name(field.name()).type(type);
      fields = field.schema().isOptional() ? column.withDefault(null) : column.noDefault();
    }
    return fields.endRecord();
  }

  /** A column type; {@code rowName} names a ROW found here (Flink passes it to array items too). */
  private static org.apache.avro.Schema convert(Schema schema, String rowName) {
    org.apache.avro.Schema type = notNull(schema, rowName);
    return schema.isOptional() ? org.apache.avro.Schema.createUnion(nullType(), type) : type;
  }

  private static org.apache.avro.Schema notNull(Schema schema, String rowName) {
    SchemaBuilder.TypeBuilder<org.apache.avro.Schema> builder = SchemaBuilder.builder();
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      return LogicalTypes.decimal(precision(schema), scale).addToSchema(builder.bytesType());
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.date().addToSchema(builder.intType());
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.timeMillis().addToSchema(builder.intType());
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.timestampMillis().addToSchema(builder.longType());
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> builder.intType();
      case INT64 -> builder.longType();
      case FLOAT32 -> builder.floatType();
      case FLOAT64 -> builder.doubleType();
      case BOOLEAN -> builder.booleanType();
      case STRING -> builder.stringType();
      case BYTES -> builder.bytesType();
      case ARRAY -> builder.array().items(convert(schema.valueSchema(), rowName));
      case MAP -> {
        if (schema.keySchema().type() != Schema.Type.STRING) {
          throw new DataException(
              "avro-confluent (as Flink's Avro format) supports only STRING map keys, got "
                  + schema.keySchema().type()
                  + " in "
                  + rowName.substring(ROW_NAME.length() + 1));
        }
        yield builder.map().values(convert(schema.valueSchema(), rowName));
      }
      case STRUCT -> record(schema, rowName);
    };
  }

  private static int precision(Schema decimal) {
    String precision =
        decimal.parameters() == null ? null : decimal.parameters().get(PRECISION_PARAMETER);
    return precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision);
  }

  private static org.apache.avro.Schema nullType() {
    return SchemaBuilder.builder().nullType();
  }
}
