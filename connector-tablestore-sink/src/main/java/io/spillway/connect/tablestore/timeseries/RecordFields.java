package io.spillway.connect.tablestore.timeseries;

import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.common.sink.RowReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record's value fields by name, as the time series mapping reads them: a Struct's or a
 * schemaless Map's fields; for a flattened row of the Kafka source its {@code value_<field>}
 * columns under their own field names, plus its {@code timestamp} column (the source record's time)
 * unless a value field has that name. So one mapping serves a topic and its flattened copy.
 *
 * @param typed whether the cells' types come from a schema
 */
record RecordFields(Map<String, Cell> cells, boolean typed) {

  /**
   * @return the fields, {@code typed} when their types come from a schema
   */
  static RecordFields of(SinkRecord record) {
    if (!RowReader.hasFields(record.value())) {
      throw new RejectedRecordException(
          "a time series point needs a value with fields (a Struct or a Map), got "
              + (record.value() == null ? "null" : record.value().getClass().getSimpleName()));
    }
    Map<String, Cell> fields = new LinkedHashMap<>();
    try {
      if (FlatRows.isFlatRow(record)) {
        Cell timestamp = null;
        for (Cell cell : RowReader.fields(record.valueSchema(), record.value())) {
          if (cell.name().startsWith(Columns.VALUE_PREFIX)) {
            String name = cell.name().substring(Columns.VALUE_PREFIX.length());
            fields.put(name, rename(cell, name));
          } else if (cell.name().equals(Columns.TIMESTAMP)) {
            timestamp = cell;
          }
        }
        if (timestamp != null) {
          fields.putIfAbsent(Columns.TIMESTAMP, timestamp);
        }
      } else {
        for (Cell cell : RowReader.fields(record.valueSchema(), record.value())) {
          fields.put(cell.name(), cell);
        }
      }
    } catch (DataException e) {
      throw new RejectedRecordException(e.getMessage(), e);
    }
    return new RecordFields(fields, record.valueSchema() != null);
  }

  private static Cell rename(Cell cell, String name) {
    return new Cell(name, cell.type(), cell.scale(), cell.value());
  }
}
