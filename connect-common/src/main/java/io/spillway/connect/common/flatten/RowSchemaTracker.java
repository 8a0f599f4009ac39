package io.spillway.connect.common.flatten;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The Connect schema of one topic's table, evolving as rows arrive: a new column is appended as
 * optional, a column whose type changes widens ({@link TypeWidening}), nothing is ever removed or
 * narrowed. While nothing changes it hands out the very same {@link Schema} instance, which sinks
 * and converters cache on. Not thread-safe: one per task and topic.
 */
public final class RowSchemaTracker {
  private final String schemaName;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<Schema> types = new ArrayList<>();
  private Schema schema;
  private Field[] fields = new Field[0];
  private int version;

  /** Schemas of the last row's columns, by position: a row of the same shape skips all checks. */
  private Schema[] lastShape = new Schema[0];

  private String[] lastNames = new String[0];

  /** Field of each column of the last shape, and whether its values need no conversion. */
  private Field[] lastFields = new Field[0];

  private boolean[] lastExact = new boolean[0];

  public RowSchemaTracker(String schemaName) {
    this.schemaName = schemaName;
  }

  /** The current schema, {@code null} before the first row. */
  public Schema schema() {
    return schema;
  }

  /** Widens the schema to hold this row (if needed) and returns the row as a Struct of it. */
  public Struct toStruct(FlatRecord record) {
    List<FlatColumn> columns = record.columns();
    if (!sameShapeAsLast(columns)) {
      evolve(columns);
    }
    Struct struct = new Struct(schema);
    if (lastFields.length == columns.size()) {
      // Same shape as the previous row: field positions and conversions are known.
      for (int i = 0; i < lastFields.length; i++) {
        Object value = columns.get(i).value();
        if (value != null) {
          Field field = lastFields[i];
          struct.put(field, lastExact[i] ? value : coerce(columns.get(i), field));
        }
      }
      return struct;
    }
    for (FlatColumn column : columns) {
      Integer index = indexByName.get(column.name());
      if (index != null && column.value() != null) {
        struct.put(fields[index], coerce(column, fields[index]));
      }
    }
    return struct;
  }

  private static Object coerce(FlatColumn column, Field field) {
    return TypeWidening.coerce(column.value(), column.schema(), field.schema());
  }

  private boolean sameShapeAsLast(List<FlatColumn> columns) {
    if (schema == null || columns.size() != lastShape.length) {
      return false;
    }
    for (int i = 0; i < lastShape.length; i++) {
      FlatColumn column = columns.get(i);
      if (column.schema() != lastShape[i] || !column.name().equals(lastNames[i])) {
        return false;
      }
    }
    return true;
  }

  private void evolve(List<FlatColumn> columns) {
    boolean changed = schema == null;
    for (FlatColumn column : columns) {
      if (column.schema() == null) {
        continue; // a null of unknown type never creates or changes a column
      }
      Integer index = indexByName.get(column.name());
      if (index == null) {
        indexByName.put(column.name(), names.size());
        names.add(column.name());
        types.add(Columns.isPrimaryKey(column.name()) ? column.schema() : optional(column));
        changed = true;
      } else {
        Schema current = types.get(index);
        Schema widened = TypeWidening.widen(current, column.schema());
        if (widened != current) {
          types.set(index, widened);
          changed = true;
        }
      }
    }
    if (changed) {
      rebuild();
    }
    rememberShape(columns);
  }

  private void rememberShape(List<FlatColumn> columns) {
    for (FlatColumn column : columns) {
      if (column.schema() == null) {
        lastShape = new Schema[0]; // untyped nulls: check every row of this shape
        lastNames = new String[0];
        lastFields = new Field[0];
        lastExact = new boolean[0];
        return;
      }
    }
    lastShape = new Schema[columns.size()];
    lastNames = new String[columns.size()];
    lastFields = new Field[columns.size()];
    lastExact = new boolean[columns.size()];
    for (int i = 0; i < lastShape.length; i++) {
      FlatColumn column = columns.get(i);
      lastShape[i] = column.schema();
      lastNames[i] = column.name();
      lastFields[i] = fields[indexByName.get(column.name())];
      lastExact[i] = lastFields[i].schema() == column.schema();
    }
  }

  private static Schema optional(FlatColumn column) {
    return TypeWidening.optional(column.schema());
  }

  private void rebuild() {
    SchemaBuilder builder = SchemaBuilder.struct().name(schemaName).version(++version);
    for (int i = 0; i < names.size(); i++) {
      builder.field(names.get(i), types.get(i));
    }
    schema = builder.build();
    fields = schema.fields().toArray(new Field[0]);
  }
}
