package io.spillway.connect.tablestore.timeseries;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Time series mode (tablestore.mode=timeseries), with the aliyun connector's keys: three global
 * settings, and per table {@code tablestore.timeseries.<table>.measurement}, {@code .dataSource},
 * {@code .tags}, {@code .time}, {@code .time.unit}, {@code .field.name}, {@code .field.type}.
 */
public final class TimeseriesConfig {
  public static final String GROUP = "Time series";

  public static final String MAP_ALL = "tablestore.timeseries.mapAll";
  public static final boolean MAP_ALL_DEFAULT = true;
  public static final String MAP_ALL_DOC =
      "true: every value field that is not the measurement, data source, tag or time field"
          + " becomes a point field. false: only the fields of tablestore.timeseries.<table>."
          + "field.name.";

  public static final String TO_LOWER_CASE = "tablestore.timeseries.toLowerCase";
  public static final boolean TO_LOWER_CASE_DEFAULT = true;
  public static final String TO_LOWER_CASE_DOC = "Write point field names in lower case.";

  public static final String ROWS_PER_BATCH = "tablestore.timeseries.rowsPerBatch";
  public static final int ROWS_PER_BATCH_DEFAULT = 200;
  public static final String ROWS_PER_BATCH_DOC = "Points per PutTimeseriesData request.";

  /** Per-table keys; %s is the table name. */
  public static final String MEASUREMENT_TEMPLATE = "tablestore.timeseries.%s.measurement";

  public static final String DATA_SOURCE_TEMPLATE = "tablestore.timeseries.%s.dataSource";
  public static final String TAGS_TEMPLATE = "tablestore.timeseries.%s.tags";
  public static final String TIME_TEMPLATE = "tablestore.timeseries.%s.time";
  public static final String TIME_UNIT_TEMPLATE = "tablestore.timeseries.%s.time.unit";
  public static final String FIELD_NAME_TEMPLATE = "tablestore.timeseries.%s.field.name";
  public static final String FIELD_TYPE_TEMPLATE = "tablestore.timeseries.%s.field.type";

  /** The measurement setting's value that means "the topic name". */
  public static final String TOPIC_MEASUREMENT = "<topic>";

  static final Set<String> TIME_UNITS =
      Set.of("seconds", "milliseconds", "microseconds", "nanoseconds");
  static final Set<String> FIELD_TYPES = Set.of("string", "integer", "double", "boolean", "binary");

  private TimeseriesConfig() {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            MAP_ALL,
            Type.BOOLEAN,
            MAP_ALL_DEFAULT,
            Importance.MEDIUM,
            MAP_ALL_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Map all fields")
        .define(
            TO_LOWER_CASE,
            Type.BOOLEAN,
            TO_LOWER_CASE_DEFAULT,
            Importance.LOW,
            TO_LOWER_CASE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Lower-case field names")
        .define(
            ROWS_PER_BATCH,
            Type.INT,
            ROWS_PER_BATCH_DEFAULT,
            Range.between(1, 10_000),
            Importance.LOW,
            ROWS_PER_BATCH_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Rows per batch");
  }

  /**
   * Problems with the per-table keys of the tables the config names (only checked in time series
   * mode): measurement, time and time.unit are needed, field names and types pair up, and
   * mapAll=false needs field names.
   */
  public static List<Map.Entry<String, String>> errors(
      AbstractConfig config, Collection<String> tables) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    Map<String, String> props = config.originalsStrings();
    boolean anyFields = false;
    for (String table : tables) {
      for (String template : List.of(MEASUREMENT_TEMPLATE, TIME_TEMPLATE)) {
        String key = String.format(template, table);
        if (props.getOrDefault(key, "").isBlank()) {
          errors.add(Map.entry(key, "time series mode needs it for table '" + table + "'"));
        }
      }
      String unitKey = String.format(TIME_UNIT_TEMPLATE, table);
      String unit = props.getOrDefault(unitKey, "").trim().toLowerCase(Locale.ROOT);
      if (!TIME_UNITS.contains(unit)) {
        errors.add(
            Map.entry(unitKey, "must be one of SECONDS, MILLISECONDS, MICROSECONDS, NANOSECONDS"));
      }
      String namesKey = String.format(FIELD_NAME_TEMPLATE, table);
      String typesKey = String.format(FIELD_TYPE_TEMPLATE, table);
      String names = props.getOrDefault(namesKey, "").trim();
      if (names.isEmpty()) {
        continue;
      }
      anyFields = true;
      String[] nameList = names.split(",", -1);
      String[] typeList = props.getOrDefault(typesKey, "").trim().split(",", -1);
      if (nameList.length != typeList.length) {
        errors.add(Map.entry(typesKey, "needs one type per name of " + namesKey));
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < nameList.length; i++) {
        if (nameList[i].isBlank() || !seen.add(nameList[i].trim())) {
          errors.add(Map.entry(namesKey, "names must be non-empty and unique"));
        }
        if (!FIELD_TYPES.contains(typeList[i].trim().toLowerCase(Locale.ROOT))) {
          errors.add(
              Map.entry(typesKey, "'" + typeList[i].trim() + "' is not one of " + FIELD_TYPES));
        }
      }
    }
    if (!config.getBoolean(MAP_ALL) && !anyFields) {
      errors.add(
          Map.entry(
              MAP_ALL,
              "false needs tablestore.timeseries.<table>.field.name (and .field.type) for the"
                  + " fields to write"));
    }
    return errors;
  }
}
