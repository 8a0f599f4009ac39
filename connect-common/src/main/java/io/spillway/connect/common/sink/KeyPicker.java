package io.spillway.connect.common.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads a sink record as a {@link RecordChange} under {@code pk.mode}, {@code pk.fields} and {@code
 * delete.enabled}: the value's cells, the primary key cells, and whether it deletes. Refuses, with
 * {@link RejectedRecordException}, records that cannot be keyed (no key, a missing or null key
 * field, a value that cannot be read).
 */
public final class KeyPicker {
  /** The column names of pk.mode=kafka when pk.fields names none. */
  public static final List<String> KAFKA_COLUMNS =
      List.of("__connect_topic", "__connect_partition", "__connect_offset");

  private final PkMode pkMode;
  private final List<String> pkFields;
  private final boolean deleteEnabled;

  public KeyPicker(PkMode pkMode, List<String> pkFields, boolean deleteEnabled) {
    this.pkMode = pkMode;
    this.pkFields = List.copyOf(pkFields);
    this.deleteEnabled = deleteEnabled;
  }

  /** A picker for a config that defines {@link KeyConfig} and {@link DeleteConfig}. */
  public static KeyPicker of(AbstractConfig config) {
    return new KeyPicker(
        KeyConfig.pkMode(config), KeyConfig.pkFields(config), DeleteConfig.enabled(config));
  }

  /** The change a record stands for, or null for a tombstone while deletes are off. */
  public RecordChange read(SinkRecord record) {
    boolean delete = deleteEnabled && Changelog.isDelete(record);
    if (record.value() == null && !delete) {
      return null;
    }
    List<Cell> value = record.value() == null ? List.of() : valueCells(record);
    List<Cell> key = keyCells(record, value);
    for (Cell cell : key) {
      if (cell.value() == null) {
        throw new RejectedRecordException("primary key field '" + cell.name() + "' is null");
      }
    }
    return new RecordChange(record, delete, key, delete ? List.of() : value);
  }

  private List<Cell> keyCells(SinkRecord record, List<Cell> valueCells) {
    return switch (pkMode) {
      case NONE -> List.of();
      case KAFKA -> {
        List<String> columns = pkFields.isEmpty() ? KAFKA_COLUMNS : pkFields;
        yield List.of(
            Cell.of(columns.get(0), ColumnType.STRING, record.originalTopic()),
            Cell.of(columns.get(1), ColumnType.INT32, record.originalKafkaPartition()),
            Cell.of(columns.get(2), ColumnType.INT64, record.originalKafkaOffset()));
      }
      case RECORD_KEY -> recordKeyCells(record);
      case RECORD_VALUE -> {
        if (record.value() == null) {
          throw new RejectedRecordException(
              "a tombstone has no value to take the primary key "
                  + pkFields
                  + " from (pk.mode=record_value); use pk.mode=record_key, or rows flattened by"
                  + " the Kafka source or the Flatten transform, which keep their key fields");
        }
        yield pick(valueCells, "value");
      }
    };
  }

  private List<Cell> recordKeyCells(SinkRecord record) {
    if (record.key() == null) {
      throw new RejectedRecordException("the record has no key (pk.mode=record_key)");
    }
    if (RowReader.hasFields(record.key())) {
      List<Cell> fields = read(() -> RowReader.fields(record.keySchema(), record.key()));
      return pkFields.isEmpty() ? fields : pick(fields, "key");
    }
    if (pkFields.size() > 1) {
      throw new RejectedRecordException(
          "the key is a single value but pk.fields names " + pkFields.size() + " columns");
    }
    String name = pkFields.isEmpty() ? "key" : pkFields.get(0);
    return List.of(read(() -> RowReader.cell(name, record.keySchema(), record.key())));
  }

  private static List<Cell> valueCells(SinkRecord record) {
    if (RowReader.hasFields(record.value())) {
      return read(() -> RowReader.fields(record.valueSchema(), record.value()));
    }
    return List.of(read(() -> RowReader.cell("value", record.valueSchema(), record.value())));
  }

  private List<Cell> pick(List<Cell> cells, String where) {
    List<Cell> picked = new ArrayList<>(pkFields.size());
    for (String name : pkFields) {
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
}
