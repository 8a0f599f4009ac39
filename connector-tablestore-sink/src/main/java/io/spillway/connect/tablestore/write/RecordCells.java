package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.common.sink.RowReader;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record's key and value as cells: a Struct's or Map's fields, or one cell named {@value
 * #PRIMITIVE} for a primitive. {@code *Typed} says whether the types come from a schema.
 */
record RecordCells(List<Cell> key, boolean keyTyped, List<Cell> value, boolean valueTyped) {
  /** The name of the single cell of a primitive key or value (renamed to key / value). */
  static final String PRIMITIVE = "";

  static RecordCells of(SinkRecord record) {
    return new RecordCells(
        cells(record.keySchema(), record.key()),
        record.keySchema() != null,
        cells(record.valueSchema(), record.value()),
        record.valueSchema() != null);
  }

  private static List<Cell> cells(Schema schema, Object data) {
    if (data == null) {
      return null;
    }
    try {
      if (RowReader.hasFields(data)) {
        return RowReader.fields(schema, data);
      }
      return List.of(RowReader.cell(PRIMITIVE, schema, data));
    } catch (DataException e) {
      throw new RejectedRecordException(e.getMessage(), e);
    }
  }
}
