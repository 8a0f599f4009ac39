package io.spillway.connect.common.flatten;

import io.spillway.connect.common.json.ValueText;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns flat records into what Connect carries: a {@link Struct} of the row's own schema, or a
 * schemaless {@link Map} for JSON without schemas. Keeps one {@link RowSchemaTracker} per topic.
 * Not thread-safe: one per task.
 */
public final class FlatRows {
  private static final String SCHEMA_NAMESPACE = "io.spillway.connect.flat.";

  private final Map<String, RowSchemaTracker> trackers = new HashMap<>();

  /** The row as a Struct of its own schema; rows of one shape share one schema instance. */
  public SchemaAndValue toConnect(FlatRecord record) {
    Struct struct = tracker(record.topic()).toStruct(record);
    return new SchemaAndValue(struct.schema(), struct);
  }

  /** The tracker of the topic's row schemas. */
  RowSchemaTracker tracker(String topic) {
    RowSchemaTracker tracker = trackers.get(topic);
    if (tracker == null) {
      tracker = new RowSchemaTracker(schemaName(topic));
      trackers.put(topic, tracker);
    }
    return tracker;
  }

  /** The schema of the topic's last row, {@code null} before its first row. */
  public Schema schemaOf(String topic) {
    RowSchemaTracker tracker = trackers.get(topic);
    return tracker == null ? null : tracker.schema();
  }

  /**
   * The row as a schemaless map in column order. Values are JSON-friendly: the record timestamp
   * (and any Connect Timestamp) as epoch milliseconds, Date/Time as ISO text, decimals as
   * BigDecimal.
   */
  public static Map<String, Object> toMap(FlatRecord record) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (FlatColumn column : record.columns()) {
      row.put(column.name(), schemalessValue(column.schema(), column.value()));
    }
    return row;
  }

  private static Object schemalessValue(Schema schema, Object value) {
    if (value instanceof Date date) {
      return Timestamp.LOGICAL_NAME.equals(schema.name())
          ? date.getTime()
          : ValueText.of(schema, date);
    }
    return value;
  }

  /** A valid Avro full name (letters, digits, underscores per segment) derived from the topic. */
  static String schemaName(String topic) {
    StringBuilder name = new StringBuilder(SCHEMA_NAMESPACE.length() + topic.length() + 1);
    name.append(SCHEMA_NAMESPACE);
    if (topic.isEmpty() || !Character.isLetter(topic.charAt(0))) {
      name.append('_');
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      name.append((c < 128 && Character.isLetterOrDigit(c)) || c == '_' ? c : '_');
    }
    return name.toString();
  }
}
