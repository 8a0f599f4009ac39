package io.spillway.connect.common.flatten;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.Headers;

/** Names and types of the columns every flattened row starts with (see docs/record-model.md). */
public final class Columns {
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String TIMESTAMP = "timestamp";
  public static final String TIMESTAMP_TYPE = "timestamp_type";
  public static final String KEY = "key";
  public static final String KEY_PREFIX = "key_";
  public static final String HEADERS = "headers";
  public static final String VALUE = "value";
  public static final String VALUE_PREFIX = "value_";
  public static final String ERROR = "_error";

  public static final Schema PARTITION_SCHEMA = Schema.INT32_SCHEMA;
  public static final Schema OFFSET_SCHEMA = Schema.INT64_SCHEMA;
  public static final Schema TIMESTAMP_SCHEMA = Timestamp.builder().optional().build();
  public static final Schema OPTIONAL_STRING = Schema.OPTIONAL_STRING_SCHEMA;

  /** The {@code {partition, offset}} key that lets sinks upsert replays idempotently. */
  public static final Schema POSITION_KEY_SCHEMA =
      SchemaBuilder.struct()
          .name("io.spillway.connect.RecordPosition")
          .field(PARTITION, Schema.INT32_SCHEMA)
          .field(OFFSET, Schema.INT64_SCHEMA)
          .build();

  /** Header set to "true" on rows whose source record was a tombstone (a delete). */
  public static final String TOMBSTONE_HEADER = "spillway.tombstone";

  private Columns() {}

  /**
   * The key of a flattened row: the source record's {@code {partition, offset}}, so a sink that
   * upserts writes replays idempotently. The Kafka source and the Flatten transform both use it.
   */
  public static Struct positionKey(FlatRecord row) {
    return new Struct(POSITION_KEY_SCHEMA)
        .put(PARTITION, row.position().partition())
        .put(OFFSET, row.position().offset());
  }

  /** Marks the row of a tombstone with {@value #TOMBSTONE_HEADER}, which sinks read as a delete. */
  public static void markTombstone(FlatRecord row, Headers headers) {
    if (row.isTombstone()) {
      headers.addString(TOMBSTONE_HEADER, "true");
    }
  }

  /** The schema as optional (a column may be null in another row), keeping its logical type. */
  public static Schema optional(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    SchemaBuilder builder = new SchemaBuilder(schema.type()).optional();
    if (schema.name() != null) {
      builder.name(schema.name());
    }
    if (schema.version() != null) {
      builder.version(schema.version());
    }
    if (schema.doc() != null) {
      builder.doc(schema.doc());
    }
    if (schema.parameters() != null) {
      builder.parameters(schema.parameters());
    }
    return builder.build();
  }

  /** Columns a policy may never hash or block: together they are the row's primary key. */
  public static boolean isPrimaryKey(String column) {
    return PARTITION.equals(column) || OFFSET.equals(column);
  }
}
