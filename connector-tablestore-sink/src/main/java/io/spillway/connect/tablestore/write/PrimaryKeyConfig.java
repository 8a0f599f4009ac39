package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.config.EnumValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The primary key: {@code primarykey.mode}, and per table (record_key, record_value) {@code
 * tablestore.<table>.primarykey.name} / {@code .type}, or (search) {@code
 * tablestore.<table>.search.timestamp.type}.
 */
public final class PrimaryKeyConfig {
  public static final String GROUP = "Primary key";

  public static final String PRIMARY_KEY_MODE = "primarykey.mode";
  public static final String PRIMARY_KEY_MODE_DEFAULT = "kafka";
  public static final String PRIMARY_KEY_MODE_DOC =
      "'kafka': topic_partition STRING (<topic>_<partition>) and offset INTEGER; a flattened row"
          + " of the Spillway Kafka source keeps its source partition and offset, so replays"
          + " rewrite the same rows. 'record_key' / 'record_value': the fields of the key / value"
          + " named in tablestore.<table>.primarykey.name, typed by"
          + " tablestore.<table>.primarykey.type (string, integer, binary, auto_increment)."
          + " 'search': md5 (first 5 hex digits of md5('<topic>_<partition>_<offset>')), topic,"
          + " partition, offset, plus a timestamp column (tablestore.<table>.search.timestamp.type"
          + " kafka: the record's timestamp, local: the time of writing).";

  /** Per-table keys; %s is the table name. */
  public static final String NAMES_TEMPLATE = "tablestore.%s.primarykey.name";

  public static final String TYPES_TEMPLATE = "tablestore.%s.primarykey.type";
  public static final String SEARCH_TIMESTAMP_TEMPLATE = "tablestore.%s.search.timestamp.type";

  /** How search mode stamps its timestamp column. */
  public enum SearchTimestamp {
    KAFKA,
    LOCAL
  }

  private PrimaryKeyConfig() {}

  public static ConfigDef define(ConfigDef def) {
    return def.define(
        PRIMARY_KEY_MODE,
        Type.STRING,
        PRIMARY_KEY_MODE_DEFAULT,
        EnumValidator.of(PrimaryKeyMode.class),
        Importance.HIGH,
        PRIMARY_KEY_MODE_DOC,
        GROUP,
        1,
        Width.SHORT,
        "Primary key mode");
  }

  public static PrimaryKeyMode mode(AbstractConfig config) {
    return EnumValidator.parse(PrimaryKeyMode.class, config.getString(PRIMARY_KEY_MODE));
  }

  /**
   * The configured key columns of {@code table} (record_key, record_value); empty when none are
   * configured.
   */
  public static List<KeyColumn> keyColumns(Map<String, String> props, String table) {
    return TableKeys.columns(
        props,
        String.format(NAMES_TEMPLATE, table),
        String.format(TYPES_TEMPLATE, table),
        (name, type) -> new KeyColumn(name, KeyColumn.Type.valueOf(type.toUpperCase(Locale.ROOT))),
        TableKeys.lowerNames(KeyColumn.Type.values()));
  }

  public static SearchTimestamp searchTimestamp(Map<String, String> props, String table) {
    String value = props.getOrDefault(String.format(SEARCH_TIMESTAMP_TEMPLATE, table), "").trim();
    return value.equalsIgnoreCase("local") ? SearchTimestamp.LOCAL : SearchTimestamp.KAFKA;
  }

  /** Problems with the per-table keys of the tables the config names. */
  public static List<Map.Entry<String, String>> errors(
      AbstractConfig config, Collection<String> tables) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    Map<String, String> props = config.originalsStrings();
    for (String table : tables) {
      String timestampKey = String.format(SEARCH_TIMESTAMP_TEMPLATE, table);
      String timestamp = props.getOrDefault(timestampKey, "kafka").trim().toLowerCase(Locale.ROOT);
      if (!timestamp.equals("kafka") && !timestamp.equals("local")) {
        errors.add(Map.entry(timestampKey, "must be kafka or local"));
      }
      try {
        List<KeyColumn> columns = keyColumns(props, table);
        if (mode(config).fromRecordData() && columns.isEmpty()) {
          errors.add(
              Map.entry(
                  String.format(NAMES_TEMPLATE, table),
                  "primarykey.mode="
                      + config.getString(PRIMARY_KEY_MODE)
                      + " needs the primary key columns of table '"
                      + table
                      + "'"));
        }
      } catch (TableKeys.PairException e) {
        errors.add(Map.entry(e.key, e.getMessage()));
      }
    }
    return errors;
  }
}
