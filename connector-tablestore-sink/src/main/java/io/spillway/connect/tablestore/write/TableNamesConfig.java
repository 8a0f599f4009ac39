package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.config.EnumValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Which table a topic goes to: {@code table.name.format} and {@code topics.assign.tables}, plus the
 * sink's mode and the aliyun connector's {@code event.parse.class}, accepted as they are.
 */
public final class TableNamesConfig {
  public static final String GROUP = "Tables";

  public static final String TABLESTORE_MODE = "tablestore.mode";
  public static final String TABLESTORE_MODE_DEFAULT = "normal";
  public static final String TABLESTORE_MODE_DOC =
      "'normal': data tables (wide column), one row per record. 'timeseries': time series"
          + " tables, one point per record (tablestore.timeseries.* settings).";

  public static final String EVENT_PARSE_CLASS = "event.parse.class";
  public static final String EVENT_PARSE_CLASS_DEFAULT =
      "com.aliyun.tablestore.kafka.connect.parsers.DefaultEventParser";
  public static final String EVENT_PARSE_CLASS_DOC =
      "Accepted for compatibility with the aliyun connector, whose default parser this sink"
          + " implements (Struct and Map values from any converter, string keys and values)."
          + " Another class is refused.";

  public static final String TABLE_NAME_FORMAT = "table.name.format";
  public static final String TABLE_NAME_FORMAT_DEFAULT = "<topic>";
  public static final String TABLE_NAME_FORMAT_DOC =
      "Destination table of each topic: <topic> (the aliyun placeholder) or ${topic} is the"
          + " record's topic, so kafka_<topic> writes topic orders to table kafka_orders.";

  public static final String TOPICS_ASSIGN_TABLES = "topics.assign.tables";
  public static final String TOPICS_ASSIGN_TABLES_DOC =
      "Explicit tables, topic:table pairs separated by commas; wins over table.name.format for"
          + " the topics it names.";

  private TableNamesConfig() {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            TABLESTORE_MODE,
            Type.STRING,
            TABLESTORE_MODE_DEFAULT,
            EnumValidator.of(TablestoreMode.class),
            Importance.HIGH,
            TABLESTORE_MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Tablestore mode")
        .define(
            TABLE_NAME_FORMAT,
            Type.STRING,
            TABLE_NAME_FORMAT_DEFAULT,
            Importance.MEDIUM,
            TABLE_NAME_FORMAT_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Table name format")
        .define(
            TOPICS_ASSIGN_TABLES,
            Type.LIST,
            "",
            Importance.MEDIUM,
            TOPICS_ASSIGN_TABLES_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Topics assigned to tables")
        .define(
            EVENT_PARSE_CLASS,
            Type.STRING,
            EVENT_PARSE_CLASS_DEFAULT,
            Importance.LOW,
            EVENT_PARSE_CLASS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Event parser");
  }

  public static TablestoreMode mode(AbstractConfig config) {
    return EnumValidator.parse(TablestoreMode.class, config.getString(TABLESTORE_MODE));
  }

  public static TableNames tableNames(AbstractConfig config) {
    return new TableNames(config.getString(TABLE_NAME_FORMAT), assignments(config));
  }

  /** The topic:table pairs, in config order; malformed entries are skipped (see errors). */
  static Map<String, String> assignments(AbstractConfig config) {
    Map<String, String> tables = new LinkedHashMap<>();
    for (String entry : config.getList(TOPICS_ASSIGN_TABLES)) {
      int colon = entry.indexOf(':');
      if (colon > 0 && colon < entry.length() - 1) {
        tables.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
      }
    }
    return tables;
  }

  public static List<Map.Entry<String, String>> errors(AbstractConfig config) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    for (String entry : config.getList(TOPICS_ASSIGN_TABLES)) {
      String[] parts = entry.split(":", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        errors.add(Map.entry(TOPICS_ASSIGN_TABLES, "'" + entry + "' is not a topic:table pair"));
      }
    }
    if (config.getString(TABLE_NAME_FORMAT).isBlank()) {
      errors.add(Map.entry(TABLE_NAME_FORMAT, "must not be empty"));
    }
    String parser = config.getString(EVENT_PARSE_CLASS).trim();
    if (!parser.equals(EVENT_PARSE_CLASS_DEFAULT)) {
      errors.add(
          Map.entry(
              EVENT_PARSE_CLASS,
              "only the aliyun default parser ("
                  + EVENT_PARSE_CLASS_DEFAULT
                  + ") is supported; this sink implements it"));
    }
    return errors;
  }
}
