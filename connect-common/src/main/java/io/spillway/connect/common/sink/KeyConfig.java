package io.spillway.connect.common.sink;

import io.spillway.connect.common.config.ConfigGroups;
import io.spillway.connect.common.config.EnumValidator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Where a sink's primary key comes from: {@code pk.mode} and {@code pk.fields}, read by {@link
 * KeyPicker}. {@link #define} adds them to a sink's ConfigDef, {@link #errors} checks them
 * together.
 */
public final class KeyConfig {
  public static final String PK_MODE = "pk.mode";
  public static final String PK_MODE_DEFAULT = "none";
  public static final String PK_MODE_DOC =
      "Where the primary key comes from: 'none'; 'kafka' (the record's topic, partition and"
          + " offset, as columns __connect_topic, __connect_partition, __connect_offset);"
          + " 'record_key' (the key's fields, or the whole key as one column for a primitive key);"
          + " 'record_value' (fields of the value, named in pk.fields).";

  public static final String PK_FIELDS = "pk.fields";
  public static final String PK_FIELDS_DOC =
      "Primary key columns. record_value: the value fields (required). record_key: a subset of"
          + " the key's fields (default all), or the column name of a primitive key (default"
          + " 'key'). kafka: three names replacing the __connect_* defaults.";

  private KeyConfig() {}

  /** Adds {@code pk.mode} and {@code pk.fields} to {@code group}, after the keys already there. */
  public static ConfigDef define(ConfigDef def, String group) {
    int order = ConfigGroups.nextOrder(def, group);
    return def.define(
            PK_MODE,
            Type.STRING,
            PK_MODE_DEFAULT,
            EnumValidator.of(PkMode.class),
            Importance.HIGH,
            PK_MODE_DOC,
            group,
            order++,
            Width.SHORT,
            "Primary key mode")
        .define(
            PK_FIELDS,
            Type.LIST,
            "",
            Importance.MEDIUM,
            PK_FIELDS_DOC,
            group,
            order,
            Width.MEDIUM,
            "Primary key fields");
  }

  public static PkMode pkMode(AbstractConfig config) {
    return EnumValidator.parse(PkMode.class, config.getString(PK_MODE));
  }

  /** The {@code pk.fields} names, trimmed, blanks dropped. */
  public static List<String> pkFields(AbstractConfig config) {
    return config.getList(PK_FIELDS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Broken rules between the two keys, as (key to fix, message) pairs, for CrossFieldConfig. */
  public static List<Map.Entry<String, String>> errors(AbstractConfig config) {
    PkMode pkMode = pkMode(config);
    List<String> pkFields = pkFields(config);
    if (pkMode == PkMode.RECORD_VALUE && pkFields.isEmpty()) {
      return List.of(
          Map.entry(PK_FIELDS, "pk.mode=record_value needs the key fields in pk.fields"));
    }
    if (pkMode == PkMode.KAFKA && !pkFields.isEmpty() && pkFields.size() != 3) {
      return List.of(
          Map.entry(
              PK_FIELDS,
              "pk.mode=kafka takes three names (topic, partition, offset columns) or none"));
    }
    if (pkMode == PkMode.NONE && !pkFields.isEmpty()) {
      return List.of(Map.entry(PK_FIELDS, "pk.fields is set but pk.mode is none"));
    }
    return List.of();
  }
}
