package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.KeyPicker;
import io.spillway.connect.common.sink.RecordChange;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.dialect.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into a {@link Change} on a table: the shared {@link KeyPicker} reads its key
 * and value cells under pk.mode; here field names become column identifiers of the dialect, and
 * records whose fields collide on one column are refused.
 */
public final class ChangeBuilder {
  private final Dialect dialect;
  private final String schema;
  private final String tableNameFormat;
  private final KeyPicker keys;
  private final Map<String, TableId> tables = new HashMap<>();
  // Field names repeat with every record: fold and shorten each once.
  private final Map<String, String> identifiers = new HashMap<>();
  private final Map<List<List<String>>, Shape> shapes = new HashMap<>();
  private Shape lastShape;

  public ChangeBuilder(RedshiftSinkConfig config, Dialect dialect) {
    this.dialect = dialect;
    this.schema = dialect.identifier(config.schemaName());
    this.tableNameFormat = config.tableNameFormat();
    this.keys = KeyPicker.of(config);
  }

  private String identifier(String name) {
    String identifier = identifiers.get(name);
    if (identifier == null) {
      if (identifiers.size() > 100_000) {
        identifiers.clear(); // names are unbounded only for schemaless maps with data as keys
      }
      identifier = dialect.identifier(name);
      identifiers.put(name, identifier);
    }
    return identifier;
  }

  /** The change a record stands for, or null for a tombstone that deletes are off for. */
  public Change build(SinkRecord record) {
    RecordChange change = keys.read(record);
    if (change == null) {
      return null;
    }
    Shape shape = shape(change.key(), change.value());
    if (shape.collision() != null) {
      throw new RejectedRecordException(shape.collision());
    }
    Cell[] cells = new Cell[shape.layout().size()];
    List<Cell> key = change.key();
    for (int i = 0; i < key.size(); i++) {
      cells[shape.slots()[i]] = key.get(i);
    }
    List<Cell> value = change.value();
    for (int i = 0; i < value.size(); i++) {
      int slot = shape.slots()[key.size() + i];
      if (slot >= 0) {
        cells[slot] = value.get(i);
      }
    }
    return new Change(
        record,
        table(record.topic()),
        change.delete(),
        shape.keyColumns(),
        change.keyValues(),
        new CellRow(shape.layout(), cells));
  }

  /**
   * How the cells of a record with these key and value field names become columns: the layout, the
   * slot of each field (key fields first, -1 for a value field that is also a key field: it keeps
   * the key's cell), or why such records are refused (two fields, one column).
   */
  private record Shape(
      List<String> keyFields,
      List<String> valueFields,
      CellRow.Layout layout,
      List<String> keyColumns,
      int[] slots,
      String collision) {
    boolean matches(List<Cell> key, List<Cell> value) {
      return sameNames(keyFields, key) && sameNames(valueFields, value);
    }

    private static boolean sameNames(List<String> names, List<Cell> cells) {
      if (names.size() != cells.size()) {
        return false;
      }
      for (int i = 0; i < names.size(); i++) {
        if (!names.get(i).equals(cells.get(i).name())) {
          return false;
        }
      }
      return true;
    }
  }

  // Records of one schema have the same fields: plan their columns once, not per record.
  private Shape shape(List<Cell> key, List<Cell> value) {
    Shape last = lastShape;
    if (last != null && last.matches(key, value)) {
      return last;
    }
    List<List<String>> names = List.of(names(key), names(value));
    Shape shape = shapes.get(names);
    if (shape == null) {
      if (shapes.size() >= 1_000) {
        shapes.clear(); // field names are unbounded only for schemaless maps with data as keys
      }
      shape = newShape(names.get(0), names.get(1));
      shapes.put(names, shape);
    }
    lastShape = shape;
    return shape;
  }

  private static List<String> names(List<Cell> cells) {
    List<String> names = new ArrayList<>(cells.size());
    for (Cell cell : cells) {
      names.add(cell.name());
    }
    return List.copyOf(names);
  }

  private Shape newShape(List<String> keyFields, List<String> valueFields) {
    Map<String, String> fieldOfColumn = new LinkedHashMap<>();
    List<String> keyColumns = new ArrayList<>(keyFields.size());
    int[] slots = new int[keyFields.size() + valueFields.size()];
    String collision = null;
    for (int i = 0; i < keyFields.size() && collision == null; i++) {
      String field = keyFields.get(i);
      String column = identifier(field);
      keyColumns.add(column);
      String other = fieldOfColumn.putIfAbsent(column, field);
      if (other != null) {
        collision = collision(other, field, column);
      }
      slots[i] = fieldOfColumn.size() - 1;
    }
    for (int i = 0; i < valueFields.size() && collision == null; i++) {
      String field = valueFields.get(i);
      String column = identifier(field);
      String other = fieldOfColumn.putIfAbsent(column, field);
      if (other == null) {
        slots[keyFields.size() + i] = fieldOfColumn.size() - 1;
      } else if (other.equals(field)) {
        slots[keyFields.size() + i] = -1; // a value field that is also a key field
      } else {
        collision = collision(other, field, column);
      }
    }
    return new Shape(
        keyFields,
        valueFields,
        new CellRow.Layout(List.copyOf(fieldOfColumn.keySet())),
        List.copyOf(keyColumns),
        slots,
        collision);
  }

  private static String collision(String first, String second, String column) {
    return "fields '" + first + "' and '" + second + "' both map to column \"" + column + "\"";
  }

  /** The table a topic's records go to. */
  public TableId table(String topic) {
    return tables.computeIfAbsent(
        topic,
        t -> new TableId(schema, dialect.identifier(tableNameFormat.replace("${topic}", t))));
  }
}
