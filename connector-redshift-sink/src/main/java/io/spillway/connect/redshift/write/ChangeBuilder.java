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
    Map<String, Cell> cells = new LinkedHashMap<>();
    List<String> keyColumns = new ArrayList<>(change.key().size());
    for (Cell cell : change.key()) {
      String column = identifier(cell.name());
      keyColumns.add(column);
      Cell other = cells.putIfAbsent(column, cell);
      if (other != null) {
        throw collision(other, cell, column);
      }
    }
    for (Cell cell : change.value()) {
      String column = identifier(cell.name());
      Cell other = cells.putIfAbsent(column, cell);
      // A value field that is also a key field keeps the key's cell.
      if (other != null && !other.name().equals(cell.name())) {
        throw collision(other, cell, column);
      }
    }
    return new Change(
        record, table(record.topic()), change.delete(), keyColumns, change.keyValues(), cells);
  }

  private static RejectedRecordException collision(Cell first, Cell second, String column) {
    return new RejectedRecordException(
        "fields '"
            + first.name()
            + "' and '"
            + second.name()
            + "' both map to column \""
            + column
            + "\"");
  }

  /** The table a topic's records go to. */
  public TableId table(String topic) {
    return tables.computeIfAbsent(
        topic,
        t -> new TableId(schema, dialect.identifier(tableNameFormat.replace("${topic}", t))));
  }
}
