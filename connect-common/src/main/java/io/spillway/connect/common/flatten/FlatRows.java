package io.spillway.connect.common.flatten;

import io.spillway.connect.common.json.ValueText;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
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

  /**
   * Whether the record already is a flattened row, as the Kafka source and the Flatten transform
   * write them: its key is the {@code {partition, offset}} position key ({@link
   * Columns#POSITION_KEY_SCHEMA}, or a schemaless map of just those two) and its value a row with
   * those columns (a Struct, or a schemaless map). A sink writes such a row as it is: flattening it
   * again would nest it and replace the source record's position with the intermediate topic's.
   */
  public static boolean isFlatRow(ConnectRecord<?> record) {
    if (record.key() instanceof Struct key && record.value() instanceof Struct value) {
      return Columns.POSITION_KEY_SCHEMA.name().equals(key.schema().name())
          && value.schema().field(Columns.PARTITION) != null
          && value.schema().field(Columns.OFFSET) != null;
    }
    if (record.key() instanceof Map<?, ?> key && record.value() instanceof Map<?, ?> value) {
      return key.size() == 2
          && key.containsKey(Columns.PARTITION)
          && key.containsKey(Columns.OFFSET)
          && value.containsKey(Columns.PARTITION)
          && value.containsKey(Columns.OFFSET);
    }
    return false;
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
