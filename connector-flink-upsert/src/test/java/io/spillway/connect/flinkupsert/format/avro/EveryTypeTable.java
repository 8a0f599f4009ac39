package io.spillway.connect.flinkupsert.format.avro;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.BOOLEAN;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.DATE;
import static org.apache.flink.table.api.DataTypes.DECIMAL;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.FLOAT;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.MAP;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.SMALLINT;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.TIME;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;
import static org.apache.flink.table.api.DataTypes.TINYINT;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * One table with a column of every type the avro-confluent format writes, twice: as the Connect
 * schema a pipeline delivers, and as the Flink table (DDL) that reads the topic. A row with every
 * column set, and one with every optional column null.
 */
final class EveryTypeTable {
  static final Schema GEO =
      SchemaBuilder.struct()
          .field("lat", Schema.FLOAT64_SCHEMA)
          .field("lon", Schema.FLOAT64_SCHEMA)
          .optional()
          .build();
  static final Schema ADDRESS =
      SchemaBuilder.struct()
          .field("street", Schema.OPTIONAL_STRING_SCHEMA)
          .field("geo", GEO)
          .optional()
          .build();
  static final Schema LINE =
      SchemaBuilder.struct()
          .field("sku", Schema.STRING_SCHEMA)
          .field("qty", Schema.INT32_SCHEMA)
          .build();

  static final Schema CONNECT =
      SchemaBuilder.struct()
          .name("shop.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
          .field("small", Schema.OPTIONAL_INT16_SCHEMA)
          .field("i", Schema.OPTIONAL_INT32_SCHEMA)
          .field("big", Schema.OPTIONAL_INT64_SCHEMA)
          .field("f", Schema.OPTIONAL_FLOAT32_SCHEMA)
          .field("d", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("b", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .field("s", Schema.OPTIONAL_STRING_SCHEMA)
          .field("bin", Schema.OPTIONAL_BYTES_SCHEMA)
          .field(
              "amount",
              Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
          .field("day", Date.builder().optional().build())
          .field("at_time", Time.builder().optional().build())
          .field("ts", Timestamp.builder().optional().build())
          .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
          .field(
              "attrs",
              SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA)
                  .optional()
                  .build())
          .field("address", ADDRESS)
          .field("lines", SchemaBuilder.array(LINE).optional().build())
          .field("req_name", Schema.STRING_SCHEMA)
          .build();

  /** CREATE TABLE orders (id BIGINT NOT NULL, tiny TINYINT, ..., PRIMARY KEY (id) NOT ENFORCED). */
  static final RowType FLINK =
      (RowType)
          ROW(
                  FIELD("id", BIGINT().notNull()),
                  FIELD("tiny", TINYINT()),
                  FIELD("small", SMALLINT()),
                  FIELD("i", INT()),
                  FIELD("big", BIGINT()),
                  FIELD("f", FLOAT()),
                  FIELD("d", DOUBLE()),
                  FIELD("b", BOOLEAN()),
                  FIELD("s", STRING()),
                  FIELD("bin", BYTES()),
                  FIELD("amount", DECIMAL(10, 2)),
                  FIELD("day", DATE()),
                  FIELD("at_time", TIME(3)),
                  FIELD("ts", TIMESTAMP(3)),
                  FIELD("tags", ARRAY(STRING())),
                  FIELD("attrs", MAP(STRING().notNull(), BIGINT())),
                  FIELD(
                      "address",
                      ROW(
                          FIELD("street", STRING()),
                          FIELD(
                              "geo",
                              ROW(
                                  FIELD("lat", DOUBLE().notNull()),
                                  FIELD("lon", DOUBLE().notNull()))))),
                  FIELD(
                      "lines",
                      ARRAY(
                          ROW(FIELD("sku", STRING().notNull()), FIELD("qty", INT().notNull()))
                              .notNull())),
                  FIELD("req_name", STRING().notNull()))
              .notNull()
              .getLogicalType();

  static final LocalDate DAY = LocalDate.of(2024, 1, 2);
  static final int MILLIS_OF_DAY = ((3 * 60 + 4) * 60 + 5) * 1000 + 678;
  static final Instant TS = Instant.parse("2024-01-02T03:04:05.678Z");

  private EveryTypeTable() {}

  /** Every column set. */
  static Struct full(long id) {
    Map<String, Long> attrs = new LinkedHashMap<>();
    attrs.put("x", 1L);
    attrs.put("y", null);
    return new Struct(CONNECT)
        .put("id", id)
        .put("tiny", (byte) -7)
        .put("small", (short) 300)
        .put("i", 42)
        .put("big", 1L << 40)
        .put("f", 1.5f)
        .put("d", 2.25)
        .put("b", true)
        .put("s", "héllo")
        .put("bin", new byte[] {1, 2, 3})
        .put("amount", new BigDecimal("-12.34"))
        .put("day", java.util.Date.from(DAY.atStartOfDay(ZoneOffset.UTC).toInstant()))
        .put("at_time", new java.util.Date(MILLIS_OF_DAY))
        .put("ts", java.util.Date.from(TS))
        .put("tags", Arrays.asList("a", null, "c"))
        .put("attrs", attrs)
        .put(
            "address",
            new Struct(ADDRESS)
                .put("street", "Main St")
                .put("geo", new Struct(GEO).put("lat", 1.5).put("lon", -2.5)))
        .put("lines", List.of(new Struct(LINE).put("sku", "A-1").put("qty", 2)))
        .put("req_name", "first");
  }

  /** Every optional column null. */
  static Struct nulls(long id) {
    return new Struct(CONNECT).put("id", id).put("req_name", "empty");
  }

  /** The RowData Flink's reader must produce for {@link #full}. */
  static RowData expectedFull(long id) {
    Map<StringData, Long> attrs = new LinkedHashMap<>();
    attrs.put(StringData.fromString("x"), 1L);
    attrs.put(StringData.fromString("y"), null);
    return GenericRowData.of(
        id,
        (byte) -7,
        (short) 300,
        42,
        1L << 40,
        1.5f,
        2.25,
        true,
        StringData.fromString("héllo"),
        new byte[] {1, 2, 3},
        org.apache.flink.table.data.DecimalData.fromBigDecimal(new BigDecimal("-12.34"), 10, 2),
        (int) DAY.toEpochDay(),
        MILLIS_OF_DAY,
        TimestampData.fromEpochMillis(TS.toEpochMilli()),
        new GenericArrayData(
            new Object[] {StringData.fromString("a"), null, StringData.fromString("c")}),
        new GenericMapData(attrs),
        GenericRowData.of(StringData.fromString("Main St"), GenericRowData.of(1.5, -2.5)),
        new GenericArrayData(new Object[] {GenericRowData.of(StringData.fromString("A-1"), 2)}),
        StringData.fromString("first"));
  }

  /** The RowData Flink's reader must produce for {@link #nulls}. */
  static RowData expectedNulls(long id) {
    Object[] fields = new Object[FLINK.getFieldCount()];
    fields[0] = id;
    fields[fields.length - 1] = StringData.fromString("empty");
    return GenericRowData.of(fields);
  }
}
