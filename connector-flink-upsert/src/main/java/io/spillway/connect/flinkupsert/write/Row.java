package io.spillway.connect.flinkupsert.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A key or value row: a Struct with its STRUCT schema, a {@code Map<String, Object>} with a null
 * schema (schemaless data), or, for a raw key only, a primitive with its schema (or none).
 */
public record Row(Schema schema, Object value) {

  /** Column names in row order; none for a primitive. */
  public List<String> columns() {
    if (value instanceof Struct struct) {
      List<String> names = new ArrayList<>();
      for (Field field : struct.schema().fields()) {
        names.add(field.name());
      }
      return names;
    }
    if (value instanceof Map<?, ?> map) {
      List<String> names = new ArrayList<>();
      map.keySet().forEach(key -> names.add(String.valueOf(key)));
      return names;
    }
    return List.of();
  }
}
