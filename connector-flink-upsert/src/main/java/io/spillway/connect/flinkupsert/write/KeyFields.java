package io.spillway.connect.flinkupsert.write;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Builds the key row of a record (Flink's PRIMARY KEY columns, in key order). With {@code
 * key.fields}: the named fields of the value, or of the record key for a tombstone. Without: the
 * record key as it is. A field that is absent or null is a {@link MissingKeyException}.
 */
public final class KeyFields {
  private final List<String> fields;
  private final boolean primitiveKeyAllowed;
  // The key schema derived from each value (or key) schema: schemas repeat record after record.
  private final Map<Schema, Schema> keySchemas = new HashMap<>();

  /**
   * @param fields the key fields, empty for the record key as it is
   * @param primitiveKeyAllowed whether a primitive record key may be the key row (raw key format)
   */
  public KeyFields(List<String> fields, boolean primitiveKeyAllowed) {
    this.fields = List.copyOf(fields);
    this.primitiveKeyAllowed = primitiveKeyAllowed;
  }

  public List<String> fields() {
    return fields;
  }

  public Row keyRow(SinkRecord record) {
    if (fields.isEmpty()) {
      return recordKey(record);
    }
    if (record.value() != null) {
      return pick(record.valueSchema(), record.value(), "value");
    }
    Object key = record.key();
    if (key instanceof Struct || key instanceof Map<?, ?>) {
      return pick(record.keySchema(), key, "key");
    }
    if (key == null) {
      throw new MissingKeyException(
          "a tombstone without a record key: no key field " + fields.get(0) + " to delete by");
    }
    if (fields.size() != 1) {
      throw new MissingKeyException(
          "a tombstone's primitive record key cannot hold the " + fields.size() + " key fields");
    }
    if (record.keySchema() == null) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(fields.get(0), key);
      return new Row(null, row);
    }
    Schema schema =
        keySchemas.computeIfAbsent(
            record.keySchema(), s -> SchemaBuilder.struct().field(fields.get(0), s).build());
    return new Row(schema, new Struct(schema).put(fields.get(0), key));
  }

  private Row recordKey(SinkRecord record) {
    Object key = record.key();
    if (key == null) {
      throw new MissingKeyException("the record key is null (key.fields is empty)");
    }
    if (key instanceof Struct struct) {
      return new Row(struct.schema(), struct);
    }
    if (key instanceof Map<?, ?>) {
      return new Row(null, key);
    }
    if (!primitiveKeyAllowed) {
      throw new MissingKeyException(
          "the record key is a "
              + key.getClass().getSimpleName()
              + ", not a struct or map: set key.fields, or key.format=raw");
    }
    return new Row(record.keySchema(), key);
  }

  private Row pick(Schema schema, Object container, String where) {
    if (container instanceof Struct struct) {
      Schema keySchema = keySchemas.computeIfAbsent(struct.schema(), this::keySchema);
      Struct row = new Struct(keySchema);
      for (String name : fields) {
        Object value = struct.get(name);
        if (value == null) {
          throw new MissingKeyException("key field " + name + " is null in the record " + where);
        }
        row.put(name, value);
      }
      return new Row(keySchema, row);
    }
    if (container instanceof Map<?, ?> map) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (String name : fields) {
        Object value = map.get(name);
        if (value == null) {
          throw new MissingKeyException(
              "key field "
                  + name
                  + (map.containsKey(name) ? " is null" : " is missing")
                  + " in the record "
                  + where);
        }
        row.put(name, value);
      }
      return new Row(null, row);
    }
    throw new MissingKeyException(
        "the record "
            + where
            + " is a "
            + container.getClass().getSimpleName()
            + ", not a struct or map holding the key fields "
            + fields);
  }

  private Schema keySchema(Schema from) {
    SchemaBuilder builder = SchemaBuilder.struct();
    for (String name : fields) {
      Field field = from.field(name);
      if (field == null) {
        throw new MissingKeyException("key field " + name + " is missing in the record's schema");
      }
      builder.field(name, field.schema());
    }
    return builder.build();
  }
}
