package io.spillway.connect.common.flatten;

import io.spillway.connect.common.json.JsonText;
import io.spillway.connect.common.json.ValueText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Unpacks Connect values as sinks receive them from converters: a Struct's fields keep their
 * Connect types (logical types included); a schemaless Map is typed like JSON. Nested structs, maps
 * and arrays become JSON text. Not thread-safe: caches column types per Struct schema.
 */
public final class ConnectColumns {
  private static final int MAX_CACHED_SCHEMAS = 512;

  /** Column schema per field, per Struct schema instance: stable identities keep rows fast. */
  private final Map<Schema, Schema[]> columnTypes = new IdentityHashMap<>();

  public void unpackStruct(Struct struct, String prefix, List<FlatColumn> out) {
    Schema schema = struct.schema();
    Schema[] types = columnTypes.get(schema);
    if (types == null) {
      if (columnTypes.size() >= MAX_CACHED_SCHEMAS) {
        columnTypes.clear();
      }
      types = schema.fields().stream().map(ConnectColumns::columnType).toArray(Schema[]::new);
      columnTypes.put(schema, types);
    }
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      Object value = struct.get(field);
      Schema type = types[i];
      if (type == Schema.OPTIONAL_STRING_SCHEMA && isNested(field.schema())) {
        value = value == null ? null : JsonText.of(field.schema(), value);
      }
      out.add(new FlatColumn(prefix + field.name(), type, value));
    }
  }

  public static void unpackMap(Map<?, ?> map, String prefix, List<FlatColumn> out) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.add(inferred(prefix + entry.getKey(), entry.getValue()));
    }
  }

  /**
   * A schemaless value typed like JSON: boolean, int64, float64 (a decimal float64 cannot keep
   * exactly stays a Decimal), string, nested → JSON text.
   */
  public static FlatColumn inferred(String name, Object value) {
    if (value == null) {
      return FlatColumn.untypedNull(name);
    }
    if (value instanceof Boolean) {
      return new FlatColumn(name, Schema.OPTIONAL_BOOLEAN_SCHEMA, value);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return new FlatColumn(name, Schema.OPTIONAL_INT64_SCHEMA, ((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return NumberColumns.fromDecimal(name, new BigDecimal(big));
    }
    if (value instanceof BigDecimal decimal) {
      return NumberColumns.fromDecimal(name, decimal);
    }
    if (value instanceof Double || value instanceof Float) {
      return new FlatColumn(name, Schema.OPTIONAL_FLOAT64_SCHEMA, ((Number) value).doubleValue());
    }
    if (value instanceof String) {
      return new FlatColumn(name, Schema.OPTIONAL_STRING_SCHEMA, value);
    }
    if (value instanceof byte[]) {
      return new FlatColumn(name, Schema.OPTIONAL_BYTES_SCHEMA, value);
    }
    if (value instanceof Date date) {
      return new FlatColumn(name, Schema.OPTIONAL_STRING_SCHEMA, ValueText.of(null, date));
    }
    return new FlatColumn(name, Schema.OPTIONAL_STRING_SCHEMA, JsonText.of(null, value));
  }

  private static Schema columnType(Field field) {
    return isNested(field.schema())
        ? Schema.OPTIONAL_STRING_SCHEMA
        : Columns.optional(field.schema());
  }

  private static boolean isNested(Schema schema) {
    return schema.type() == Schema.Type.STRUCT
        || schema.type() == Schema.Type.MAP
        || schema.type() == Schema.Type.ARRAY;
  }
}
