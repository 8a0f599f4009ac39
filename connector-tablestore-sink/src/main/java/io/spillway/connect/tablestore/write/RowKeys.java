package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Builds a row's primary key under primarykey.mode. */
final class RowKeys {
  private RowKeys() {}

  static PrimaryKey build(
      PrimaryKeyMode mode, TableLayout layout, SinkRecord record, RecordCells cells) {
    return switch (mode) {
      case KAFKA -> kafka(record);
      case SEARCH -> search(record);
      case RECORD_KEY -> fromCells(layout, cells.key(), cells.keyTyped(), "key");
      case RECORD_VALUE -> fromCells(layout, cells.value(), cells.valueTyped(), "value");
    };
  }

  /**
   * topic_partition and offset. A flattened row of the Kafka source keeps its source record's
   * partition and offset, so a replayed source record rewrites its own row.
   */
  private static PrimaryKey kafka(SinkRecord record) {
    long partition = record.kafkaPartition();
    long offset = record.kafkaOffset();
    if (FlatRows.isFlatRow(record)) {
      partition = ((Number) field(record.value(), Columns.PARTITION)).longValue();
      offset = ((Number) field(record.value(), Columns.OFFSET)).longValue();
    }
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn(
            TableLayout.TOPIC_PARTITION,
            PrimaryKeyValue.fromString(record.topic() + "_" + partition))
        .addPrimaryKeyColumn(TableLayout.OFFSET, PrimaryKeyValue.fromLong(offset))
        .build();
  }

  private static Object field(Object row, String name) {
    return row instanceof Struct struct ? struct.get(name) : ((Map<?, ?>) row).get(name);
  }

  private static PrimaryKey search(SinkRecord record) {
    String position = record.topic() + "_" + record.kafkaPartition() + "_" + record.kafkaOffset();
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn(TableLayout.MD5, PrimaryKeyValue.fromString(md5Prefix(position)))
        .addPrimaryKeyColumn(TableLayout.TOPIC, PrimaryKeyValue.fromString(record.topic()))
        .addPrimaryKeyColumn(
            TableLayout.PARTITION, PrimaryKeyValue.fromLong(record.kafkaPartition()))
        .addPrimaryKeyColumn(TableLayout.OFFSET, PrimaryKeyValue.fromLong(record.kafkaOffset()))
        .build();
  }

  /** The first 5 hex digits of the MD5 of the text: spreads rows over partitions. */
  static String md5Prefix(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  private static PrimaryKey fromCells(
      TableLayout layout, List<Cell> cells, boolean typed, String where) {
    if (cells == null) {
      throw new RejectedRecordException(
          "the record has no " + where + " to take the primary key from");
    }
    PrimaryKeyBuilder builder = PrimaryKeyBuilder.createPrimaryKeyBuilder();
    for (KeyColumn column : layout.key()) {
      Cell cell = find(cells, column.name());
      if (cell == null
          && cells.size() == 1
          && cells.get(0).name().equals(RecordCells.PRIMITIVE)
          && layout.key().size() == 1) {
        cell = cells.get(0); // a primitive key or value is the single key column
      }
      if (cell == null) {
        if (column.type() == KeyColumn.Type.AUTO_INCREMENT) {
          builder.addPrimaryKeyColumn(column.name(), PrimaryKeyValue.AUTO_INCREMENT);
          continue;
        }
        throw new RejectedRecordException(
            "primary key column '" + column.name() + "' is not in the record " + where);
      }
      if (cell.value() == null) {
        throw new RejectedRecordException(
            "primary key column '" + column.name() + "' is null in the record " + where);
      }
      builder.addPrimaryKeyColumn(column.name(), keyValue(column, cell, typed));
    }
    return builder.build();
  }

  private static Cell find(List<Cell> cells, String name) {
    for (Cell cell : cells) {
      if (cell.name().equals(name)) {
        return cell;
      }
    }
    return null;
  }

  private static PrimaryKeyValue keyValue(KeyColumn column, Cell cell, boolean typed) {
    AttributeType own = CellValues.typeOf(cell.type());
    Object value = cell.value();
    try {
      switch (column.type()) {
        case STRING -> {
          if (typed && own != AttributeType.STRING) {
            throw mismatch(column, cell);
          }
          return PrimaryKeyValue.fromString(CellValues.of(cell).getValue().toString());
        }
        case INTEGER, AUTO_INCREMENT -> {
          if (typed && !cell.type().isInteger()) {
            throw mismatch(column, cell);
          }
          return PrimaryKeyValue.fromLong(Values.convertToLong(null, value));
        }
        case BINARY -> {
          if (value instanceof byte[] bytes) {
            return PrimaryKeyValue.fromBinary(bytes);
          }
          if (typed) {
            throw mismatch(column, cell);
          }
          return PrimaryKeyValue.fromBinary(value.toString().getBytes(StandardCharsets.UTF_8));
        }
        default -> throw new IllegalStateException(column.type().toString());
      }
    } catch (DataException | NumberFormatException e) {
      throw new RejectedRecordException(
          "primary key column '"
              + column.name()
              + "' ("
              + column.type()
              + ") cannot hold '"
              + value
              + "'",
          e);
    }
  }

  private static RejectedRecordException mismatch(KeyColumn column, Cell cell) {
    return new RejectedRecordException(
        "primary key column '"
            + column.name()
            + "' is "
            + column.type()
            + " in tablestore.<table>.primarykey.type but the record has "
            + cell.type());
  }
}
