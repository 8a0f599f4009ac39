package io.spillway.connect.flinkupsert.write;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Builds the value row of a change as Flink's {@code value.fields-include} does: {@code ALL} keeps
 * every column of the value in its order and puts key columns the value lacks (record-key fields)
 * first; {@code EXCEPT_KEY} leaves the key columns out.
 */
public final class ValueRows {
  private final FieldsInclude include;
  // Derived schemas per (value schema, key schema): both repeat record after record.
  private final Map<List<Schema>, Schema> schemas = new HashMap<>();

  public ValueRows(FieldsInclude include) {
    this.include = include;
  }

  /** The value row of a record whose value is not null. */
  public Row valueRow(Row key, Schema valueSchema, Object value) {
    if (value instanceof Struct struct) {
      return structRow(key, struct);
    }
    if (value instanceof Map<?, ?> map) {
      return mapRow(key, map);
    }
    throw new DataException(
        "the record value is a "
            + value.getClass().getSimpleName()
            + ", not a struct or map: a Flink row needs named columns");
  }

  private Row structRow(Row key, Struct value) {
    List<String> keyColumns = key.columns();
    Schema valueSchema = value.schema();
    boolean keyInValue = keyColumns.stream().allMatch(name -> valueSchema.field(name) != null);
    if (keyColumns.isEmpty() || (include == FieldsInclude.ALL && keyInValue)) {
      return new Row(valueSchema, value);
    }
    Schema keySchema = key.value() instanceof Struct k ? k.schema() : null;
    Schema schema =
        schemas.computeIfAbsent(
            java.util.Arrays.asList(valueSchema, keySchema),
            s -> rowSchema(keyColumns, keySchema, valueSchema));
    Struct row = new Struct(schema);
    for (Field field : schema.fields()) {
      Field inValue = valueSchema.field(field.name());
      row.put(field, inValue != null ? value.get(inValue) : keyValue(key, field.name()));
    }
    return new Row(schema, row);
  }

  private Schema rowSchema(List<String> keyColumns, Schema keySchema, Schema valueSchema) {
    SchemaBuilder builder = SchemaBuilder.struct();
    if (include == FieldsInclude.ALL) {
      for (String name : keyColumns) {
        if (valueSchema.field(name) == null) {
          if (keySchema == null) {
            throw new DataException(
                "key column " + name + " is not in the value and the record key has no schema");
          }
          builder.field(name, keySchema.field(name).schema());
        }
      }
    }
    for (Field field : valueSchema.fields()) {
      if (include == FieldsInclude.ALL || !keyColumns.contains(field.name())) {
        builder.field(field.name(), field.schema());
      }
    }
    return builder.build();
  }

  private Row mapRow(Row key, Map<?, ?> value) {
    List<String> keyColumns = key.columns();
    Map<String, Object> row = new LinkedHashMap<>();
    if (include == FieldsInclude.ALL) {
      for (String name : keyColumns) {
        if (!value.containsKey(name)) {
          row.put(name, keyValue(key, name));
        }
      }
    }
    for (Map.Entry<?, ?> entry : value.entrySet()) {
      String name = Objects.toString(entry.getKey());
      if (include == FieldsInclude.ALL || !keyColumns.contains(name)) {
        row.put(name, entry.getValue());
      }
    }
    return new Row(null, row);
  }

  private static Object keyValue(Row key, String name) {
    return key.value() instanceof Struct struct
        ? struct.get(name)
        : ((Map<?, ?>) key.value()).get(name);
  }
}
