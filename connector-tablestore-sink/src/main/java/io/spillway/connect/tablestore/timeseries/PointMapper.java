package io.spillway.connect.tablestore.timeseries;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.tablestore.write.AttributeType;
import io.spillway.connect.tablestore.write.CellValues;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record as one point of a time series table, as the aliyun connector maps it: the series key
 * (measurement, data source, tags) and the time from the configured value fields, every other field
 * a point field (mapAll) or only the declared ones. A record that cannot be mapped (no time, a time
 * that is not an integer, a missing measurement or data source, a nested tag, no fields) is
 * rejected, to the error policy.
 */
final class PointMapper {
  private final SeriesMapping mapping;
  private final Set<String> keyFields;

  PointMapper(SeriesMapping mapping) {
    this.mapping = mapping;
    this.keyFields = mapping.keyFields();
  }

  TimeseriesRow map(SinkRecord record) {
    RecordFields read = RecordFields.of(record);
    Map<String, Cell> fields = read.cells();
    TimeseriesKey key =
        new TimeseriesKey(
            measurement(record, fields),
            text(fields, mapping.dataSourceField(), true),
            tags(fields));
    TimeseriesRow row = new TimeseriesRow(key, timeInMicros(fields));
    Map<String, String> sourceOfName = new TreeMap<>();
    for (Cell cell : fields.values()) {
      if (keyFields.contains(cell.name()) || cell.value() == null) {
        continue; // a null field is no field, as with the aliyun connector
      }
      ColumnValue value = fieldValue(cell, read.typed());
      if (value == null) {
        continue;
      }
      String name = mapping.toLowerCase() ? cell.name().toLowerCase(Locale.ROOT) : cell.name();
      String other = sourceOfName.put(name, cell.name());
      if (other != null) {
        throw new RejectedRecordException(
            "fields '"
                + other
                + "' and '"
                + cell.name()
                + "' both become point field '"
                + name
                + "' (tablestore.timeseries.toLowerCase)");
      }
      row.addField(name, value);
    }
    if (row.getFields().isEmpty()) {
      throw new RejectedRecordException(
          "the record has no point fields (tablestore.timeseries.mapAll, "
              + String.format(TimeseriesConfig.FIELD_NAME_TEMPLATE, mapping.table())
              + ")");
    }
    return row;
  }

  private String measurement(SinkRecord record, Map<String, Cell> fields) {
    if (mapping.measurementField() == null) {
      return record.topic();
    }
    String name = text(fields, mapping.measurementField(), false);
    if (name.isEmpty()) {
      throw new RejectedRecordException(
          "measurement field '" + mapping.measurementField() + "' is empty");
    }
    return name;
  }

  /** A key field's value as text; null for an unset optional field. */
  private static String text(Map<String, Cell> fields, String field, boolean nullable) {
    if (field == null) {
      return null;
    }
    Cell cell = fields.get(field);
    if (cell == null || (cell.value() == null && !nullable)) {
      throw new RejectedRecordException("the record has no field '" + field + "'");
    }
    if (cell.value() == null) {
      return null;
    }
    if (cell.type() == ColumnType.JSON || cell.type() == ColumnType.BYTES) {
      throw new RejectedRecordException(
          "field '" + field + "' is " + cell.type() + ", not a value for a series key");
    }
    return CellValues.of(cell).getValue().toString();
  }

  /** The configured tags the record has (a missing or null tag is left out, as aliyun does). */
  private Map<String, String> tags(Map<String, Cell> fields) {
    Map<String, String> tags = new TreeMap<>();
    for (String tag : mapping.tagFields()) {
      String value = fields.containsKey(tag) ? text(fields, tag, true) : null;
      if (value != null) {
        if (value.indexOf('"') >= 0 || value.indexOf('=') >= 0) {
          throw new RejectedRecordException(
              "tag '" + tag + "' has value '" + value + "': tag values cannot hold '\"' or '='");
        }
        tags.put(tag, value);
      }
    }
    return tags;
  }

  private long timeInMicros(Map<String, Cell> fields) {
    String field = mapping.timeField();
    Cell cell = fields.get(field);
    if (cell == null || cell.value() == null) {
      throw new RejectedRecordException("the record has no time field '" + field + "'");
    }
    long micros;
    Object value = cell.value();
    if (value instanceof Date date) {
      micros = Math.multiplyExact(date.getTime(), 1000L); // an instant: time.unit is for numbers
    } else if (value instanceof Instant instant) {
      micros =
          Math.addExact(
              Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      long count = ((Number) value).longValue();
      micros = mapping.timeUnit().toMicros(count);
      if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
        throw new RejectedRecordException(
            "time field '" + field + "' is out of range: " + count + " " + mapping.timeUnit());
      }
    } else {
      throw new RejectedRecordException(
          "time field '"
              + field
              + "' must be an integer count of "
              + mapping.timeUnit()
              + " or a Timestamp, got "
              + cell.type()
              + " '"
              + value
              + "'");
    }
    if (micros < 0) {
      throw new RejectedRecordException(
          "time field '" + field + "' is before 1970: " + value + " " + mapping.timeUnit());
    }
    return micros;
  }

  /** The point field value: the declared type, else (mapAll) the cell's own type, else none. */
  private ColumnValue fieldValue(Cell cell, boolean typed) {
    AttributeType declared = mapping.fieldTypes().get(cell.name().toLowerCase(Locale.ROOT));
    if (declared != null) {
      try {
        return CellValues.as(cell, declared, false);
      } catch (RejectedRecordException e) {
        throw new RejectedRecordException(
            "field '"
                + cell.name()
                + "' is declared "
                + declared
                + " ("
                + String.format(TimeseriesConfig.FIELD_TYPE_TEMPLATE, mapping.table())
                + ") but the record has "
                + cell.type()
                + " '"
                + cell.value()
                + "'",
            e.getCause() == null ? e : e.getCause());
      }
    }
    if (!mapping.mapAll()) {
      return null;
    }
    if (!typed && cell.value() instanceof Number number) {
      // The aliyun connector writes every number of a schemaless value as DOUBLE.
      return ColumnValue.fromDouble(number.doubleValue());
    }
    return CellValues.of(cell);
  }
}
