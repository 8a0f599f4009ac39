package io.spillway.connect.tablestore.timeseries;

import io.spillway.connect.tablestore.write.AttributeType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the records of one table become points, from tablestore.timeseries.&lt;table&gt;.*: where the
 * measurement, data source, tags and time come from, and which fields carry a declared type.
 *
 * @param measurementField the value field holding the measurement name, or null for the topic name
 * @param dataSourceField the value field holding the data source, or null for none
 * @param fieldTypes declared point field types by lower-case field name
 */
public record SeriesMapping(
    String table,
    String measurementField,
    String dataSourceField,
    List<String> tagFields,
    String timeField,
    TimeUnit timeUnit,
    Map<String, AttributeType> fieldTypes,
    boolean mapAll,
    boolean toLowerCase) {

  public SeriesMapping {
    tagFields = List.copyOf(tagFields);
    fieldTypes = Map.copyOf(fieldTypes);
  }

  /**
   * The mapping of {@code table} from the connector's settings.
   *
   * @throws ConfigException when the table has no (valid) time series settings, e.g. a table of a
   *     topics.regex topic that the config does not describe
   */
  public static SeriesMapping of(
      Map<String, String> props, String table, boolean mapAll, boolean toLowerCase) {
    String measurement = required(props, TimeseriesConfig.MEASUREMENT_TEMPLATE, table);
    String time = required(props, TimeseriesConfig.TIME_TEMPLATE, table);
    String unitKey = String.format(TimeseriesConfig.TIME_UNIT_TEMPLATE, table);
    String unit = props.getOrDefault(unitKey, "").trim().toLowerCase(Locale.ROOT);
    if (!TimeseriesConfig.TIME_UNITS.contains(unit)) {
      throw new ConfigException(
          unitKey, unit, "must be one of SECONDS, MILLISECONDS, MICROSECONDS, NANOSECONDS");
    }
    String dataSource =
        props.getOrDefault(String.format(TimeseriesConfig.DATA_SOURCE_TEMPLATE, table), "").trim();
    return new SeriesMapping(
        table,
        measurement.equalsIgnoreCase(TimeseriesConfig.TOPIC_MEASUREMENT) ? null : measurement,
        dataSource.isEmpty() ? null : dataSource,
        names(props.getOrDefault(String.format(TimeseriesConfig.TAGS_TEMPLATE, table), "")),
        time,
        TimeUnit.valueOf(unit.toUpperCase(Locale.ROOT)),
        fieldTypes(props, table),
        mapAll,
        toLowerCase);
  }

  /** The value fields that make up the series key and time, so are not point fields. */
  public Set<String> keyFields() {
    Set<String> keys = new HashSet<>(tagFields);
    keys.add(timeField);
    if (measurementField != null) {
      keys.add(measurementField);
    }
    if (dataSourceField != null) {
      keys.add(dataSourceField);
    }
    return keys;
  }

  private static String required(Map<String, String> props, String template, String table) {
    String key = String.format(template, table);
    String value = props.getOrDefault(key, "").trim();
    if (value.isEmpty()) {
      throw new ConfigException(
          key, value, "time series mode needs it for table '" + table + "' (tablestore.mode)");
    }
    return value;
  }

  private static List<String> names(String list) {
    List<String> names = new ArrayList<>();
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }

  private static Map<String, AttributeType> fieldTypes(Map<String, String> props, String table) {
    String namesKey = String.format(TimeseriesConfig.FIELD_NAME_TEMPLATE, table);
    String typesKey = String.format(TimeseriesConfig.FIELD_TYPE_TEMPLATE, table);
    List<String> names = names(props.getOrDefault(namesKey, ""));
    List<String> types = names(props.getOrDefault(typesKey, ""));
    if (names.size() != types.size()) {
      throw new ConfigException(typesKey, types, "needs one type per name of " + namesKey);
    }
    Map<String, AttributeType> fieldTypes = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      try {
        fieldTypes.put(
            names.get(i).toLowerCase(Locale.ROOT),
            AttributeType.valueOf(types.get(i).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            typesKey, types.get(i), "not one of " + TimeseriesConfig.FIELD_TYPES);
      }
    }
    return fieldTypes;
  }
}
