package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.Changelog;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.RowReader;
import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.RedshiftSinkConfig.PkMode;
import io.spillway.connect.redshift.dialect.Dialect;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into a {@link Change} under the configured pk.mode: reads the key and value
 * cells, picks the primary key, maps field names to column identifiers, and refuses records that
 * cannot become a row (no key, null key field, two fields for one column).
 */
public final class ChangeBuilder {
  static final List<String> KAFKA_COLUMNS =
      List.of("__connect_topic", "__connect_partition", "__connect_offset");

  private final Dialect dialect;
  private final String schema;
  private final String tableNameFormat;
  private final boolean deleteEnabled;
  private final PkMode pkMode;
  private final List<String> pkFields;
  private final Map<String, TableId> tables = new HashMap<>();
  // Field names repeat with every record: fold and shorten each once.
  private final Map<String, String> identifiers = new HashMap<>();

  public ChangeBuilder(RedshiftSinkConfig config, Dialect dialect) {
    this.dialect = dialect;
    this.schema = dialect.identifier(config.schemaName());
    this.tableNameFormat = config.tableNameFormat();
    this.deleteEnabled = config.deleteEnabled();
    this.pkMode = config.pkMode();
    this.pkFields = config.pkFields();
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
    boolean delete = deleteEnabled && Changelog.isDelete(record);
    if (record.value() == null && !delete) {
      return null;
    }
    List<Cell> valueCells = record.value() == null ? List.of() : valueCells(record);
    List<Cell> keyCells = keyCells(record, valueCells);
    if (delete) {
      valueCells = List.of();
    }
    Map<String, Cell> cells = new LinkedHashMap<>();
    List<Object> key = keyCells.isEmpty() ? null : new ArrayList<>(keyCells.size());
    List<String> keyColumns = new ArrayList<>(keyCells.size());
    for (Cell cell : keyCells) {
      String column = identifier(cell.name());
      keyColumns.add(column);
      if (cell.value() == null) {
        throw new RejectedRecordException("primary key field '" + cell.name() + "' is null");
      }
      Cell other = cells.putIfAbsent(column, cell);
      if (other != null) {
        throw collision(other, cell, column);
      }
      key.add(cell.value() instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : cell.value());
    }
    for (Cell cell : valueCells) {
      String column = identifier(cell.name());
      Cell other = cells.putIfAbsent(column, cell);
      // A value field that is also a key field keeps the key's cell.
      if (other != null && !other.name().equals(cell.name())) {
        throw collision(other, cell, column);
      }
    }
    return new Change(record, table(record.topic()), delete, keyColumns, key, cells);
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

  private List<Cell> keyCells(SinkRecord record, List<Cell> valueCells) {
    List<String> names = pkFields;
    return switch (pkMode) {
      case NONE -> List.of();
      case KAFKA -> {
        List<String> columns = names.isEmpty() ? KAFKA_COLUMNS : names;
        yield List.of(
            Cell.of(columns.get(0), ColumnType.STRING, record.originalTopic()),
            Cell.of(columns.get(1), ColumnType.INT32, record.originalKafkaPartition()),
            Cell.of(columns.get(2), ColumnType.INT64, record.originalKafkaOffset()));
      }
      case RECORD_KEY -> recordKeyCells(record, names);
      case RECORD_VALUE -> {
        if (record.value() == null) {
          throw new RejectedRecordException(
              "a tombstone has no value to take the primary key "
                  + names
                  + " from (pk.mode=record_value); use pk.mode=record_key, or rows flattened by"
                  + " the Kafka source or the Flatten transform, which keep their key fields");
        }
        yield pick(valueCells, names, "value");
      }
    };
  }

  private List<Cell> recordKeyCells(SinkRecord record, List<String> names) {
    if (record.key() == null) {
      throw new RejectedRecordException("the record has no key (pk.mode=record_key)");
    }
    if (RowReader.hasFields(record.key())) {
      List<Cell> fields = read(() -> RowReader.fields(record.keySchema(), record.key()));
      return names.isEmpty() ? fields : pick(fields, names, "key");
    }
    if (names.size() > 1) {
      throw new RejectedRecordException(
          "the key is a single value but pk.fields names " + names.size() + " columns");
    }
    String name = names.isEmpty() ? "key" : names.get(0);
    return List.of(read(() -> RowReader.cell(name, record.keySchema(), record.key())));
  }

  private List<Cell> valueCells(SinkRecord record) {
    if (RowReader.hasFields(record.value())) {
      return read(() -> RowReader.fields(record.valueSchema(), record.value()));
    }
    return List.of(read(() -> RowReader.cell("value", record.valueSchema(), record.value())));
  }

  private static List<Cell> pick(List<Cell> cells, List<String> names, String where) {
    List<Cell> picked = new ArrayList<>(names.size());
    for (String name : names) {
      Cell found = null;
      for (Cell cell : cells) {
        if (cell.name().equals(name)) {
          found = cell;
          break;
        }
      }
      if (found == null) {
        throw new RejectedRecordException(
            "primary key field '" + name + "' is not in the " + where);
      }
      picked.add(found);
    }
    return picked;
  }

  private static <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (DataException e) {
      throw new RejectedRecordException(e.getMessage(), e);
    }
  }

  /** The table a topic's records go to. */
  public TableId table(String topic) {
    return tables.computeIfAbsent(
        topic,
        t -> new TableId(schema, dialect.identifier(tableNameFormat.replace("${topic}", t))));
  }
}
