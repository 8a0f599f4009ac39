package io.spillway.connect.common.flatten;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The Connect schema of a topic's rows. A row's schema depends only on the row: its typed columns,
 * in order, each with the type of its own value (optional, except the primary key); a null of
 * unknown type adds no column. Nothing is remembered across rows but a cache, so a restarted task
 * emits exactly what the first one did, and one odd value never changes the type of later rows
 * (sinks write by value, so a float64 column takes the int64 7 and a text column takes anything).
 * Rows of one shape share one {@link Schema} instance, which sinks and converters cache on. Not
 * thread-safe: one per task and topic.
 */
public final class RowSchemaTracker {
  private static final int MAX_SHAPES = 256;

  /** A row shape: column names and schemas, as the flattener produced them. */
  private record ShapeKey(List<String> names, List<Schema> schemas) {}

  /**
   * The schema of a shape, the field (or null: untyped null, duplicate) of each column, and per
   * column the value class its field's check accepted (see {@link TrustedStructs}).
   */
  record Shape(ShapeKey key, Schema schema, Field[] fields, Class<?>[] acceptedClasses) {}

  private final String schemaName;
  private final Map<ShapeKey, Shape> shapes =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ShapeKey, Shape> eldest) {
          return size() > MAX_SHAPES;
        }
      };
  private Shape last;

  public RowSchemaTracker(String schemaName) {
    this.schemaName = schemaName;
  }

  /** The schema of the last row, {@code null} before the first. */
  public Schema schema() {
    return last == null ? null : last.schema();
  }

  /** The row as a Struct of its own schema. */
  public Struct toStruct(FlatRecord record) {
    List<FlatColumn> columns = record.columns();
    Shape shape = shape(record);
    return TrustedStructs.fill(
        new Struct(shape.schema()), shape.fields(), shape.acceptedClasses(), columns);
  }

  /** The row's shape: one instance (and schema) per shape while it stays cached. */
  Shape shape(FlatRecord record) {
    List<FlatColumn> columns = record.columns();
    Shape shape = last != null && sameShape(last.key(), columns) ? last : shapeOf(columns);
    last = shape;
    return shape;
  }

  private static boolean sameShape(ShapeKey key, List<FlatColumn> columns) {
    if (columns.size() != key.names().size()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      FlatColumn column = columns.get(i);
      if (column.schema() != key.schemas().get(i) || !column.name().equals(key.names().get(i))) {
        return false;
      }
    }
    return true;
  }

  private Shape shapeOf(List<FlatColumn> columns) {
    List<String> names = new ArrayList<>(columns.size());
    List<Schema> schemas = new ArrayList<>(columns.size());
    for (FlatColumn column : columns) {
      names.add(column.name());
      schemas.add(column.schema());
    }
    ShapeKey key = new ShapeKey(names, schemas);
    return shapes.computeIfAbsent(key, this::build);
  }

  private Shape build(ShapeKey key) {
    // A name that repeats keeps its last typed value, as a JSON object's duplicate field does.
    Map<String, Integer> lastTyped = new HashMap<>();
    for (int i = 0; i < key.names().size(); i++) {
      if (key.schemas().get(i) != null) {
        lastTyped.put(key.names().get(i), i);
      }
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(schemaName);
    for (int i = 0; i < key.names().size(); i++) {
      String name = key.names().get(i);
      if (Integer.valueOf(i).equals(lastTyped.get(name))) {
        Schema type = key.schemas().get(i);
        builder.field(name, Columns.isPrimaryKey(name) ? type : Columns.optional(type));
      }
    }
    Schema schema = builder.build();
    Field[] fields = new Field[key.names().size()];
    for (int i = 0; i < fields.length; i++) {
      String name = key.names().get(i);
      if (Integer.valueOf(i).equals(lastTyped.get(name))) {
        fields[i] = schema.field(name);
      }
    }
    // The key keeps the first row's schema instances: identity checks find this shape again.
    return new Shape(key, schema, fields, new Class<?>[fields.length]);
  }
}
