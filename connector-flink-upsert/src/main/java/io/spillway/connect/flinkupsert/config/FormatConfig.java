package io.spillway.connect.flinkupsert.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** What the target holds: mode, primary key, key and value formats, as Flink's table options. */
public final class FormatConfig {
  public static final String GROUP = "Rows";

  public static final String MODE = "mode";
  public static final String MODE_DEFAULT = "upsert";
  public static final String MODE_DOC =
      "'upsert': Flink's upsert-kafka table: a compacted target holding the latest row per key,"
          + " a null value (tombstone) on delete; changes are reduced by key per flush window."
          + " 'standard': Flink's kafka table (append): every record is its own event in the same"
          + " formats, in order, target created with cleanup.policy=delete, nothing reduced.";

  public static final String KEY_FIELDS = "key.fields";
  public static final String KEY_FIELDS_DOC =
      "The primary key (Flink's PRIMARY KEY, in key order): fields of the record value; for a"
          + " tombstone they are read from the record key (a struct or map holding them, or a"
          + " primitive key when there is exactly one field). Empty: the record key as it is (a"
          + " struct or map becomes the key row; a primitive key needs key.format=raw).";

  public static final String KEY_FORMAT = "key.format";
  public static final String KEY_FORMAT_DEFAULT = "json";
  public static final String KEY_FORMAT_DOC =
      "Flink 'key.format' of the target: 'json', 'avro-confluent' or 'raw' (one field or a"
          + " primitive record key, written as its UTF-8 text or bytes).";

  public static final String VALUE_FORMAT = "value.format";
  public static final String VALUE_FORMAT_DEFAULT = "json";
  public static final String VALUE_FORMAT_DOC =
      "Flink 'value.format' of the target: 'json' or 'avro-confluent'.";

  public static final String VALUE_FIELDS_INCLUDE = "value.fields-include";
  public static final String VALUE_FIELDS_INCLUDE_DEFAULT = "ALL";
  public static final String VALUE_FIELDS_INCLUDE_DOC =
      "Flink 'value.fields-include': 'ALL' writes every column into the value (key fields only in"
          + " the record key come first); 'EXCEPT_KEY' leaves the key fields out of the value.";

  public static final String DELETE_ON_NULL = "delete.on.null";
  public static final boolean DELETE_ON_NULL_DEFAULT = true;
  public static final String DELETE_ON_NULL_DOC =
      "A record with a null value (tombstone) deletes its key: the target gets the key with a"
          + " null value. When false, such records are skipped (their offsets still commit).";

  public static final String JSON_TIMESTAMP_STANDARD = "json.timestamp-format.standard";
  public static final String JSON_TIMESTAMP_STANDARD_DEFAULT = "SQL";
  public static final String JSON_TIMESTAMP_STANDARD_DOC =
      "Flink 'json.timestamp-format.standard': 'SQL' writes timestamps as"
          + " '2024-01-02 03:04:05.678' (what Flink reads by default), 'ISO-8601' as"
          + " '2024-01-02T03:04:05.678' (the Flink table must set the same option).";

  public static final String JSON_DECIMAL_PLAIN = "json.encode.decimal-as-plain-number";
  public static final boolean JSON_DECIMAL_PLAIN_DEFAULT = false;
  public static final String JSON_DECIMAL_PLAIN_DOC =
      "Flink 'json.encode.decimal-as-plain-number'. false (Flink's default): decimals as Flink"
          + " writes them, trailing zeros stripped (12345.60 as 12345.6, 1000 as 1E+3); true: plain"
          + " notation keeping the column's scale (12345.60). Flink reads either as the same value.";

  public static final String COMBINE = "combine";
  public static final String COMBINE_DEFAULT = "off";
  public static final String COMBINE_DOC =
      "'off': each input record is one change. 'merge': the input topics listed in topics"
          + " (co-partitioned: the same partition count, range assignment) are merged"
          + " column-wise by key into one event per key in target.topic (json values), written to"
          + " the input's partition; a tombstone on any input deletes the key. Each task keeps"
          + " the merged rows of its partitions (combine.state.max.bytes) and rebuilds them from"
          + " the target when partitions are assigned.";

  public static final String JSON = "json";
  public static final String AVRO_CONFLUENT = "avro-confluent";
  public static final String RAW = "raw";

  private FormatConfig() {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            MODE,
            Type.STRING,
            MODE_DEFAULT,
            CaseInsensitiveValidString.in("upsert", "standard"),
            Importance.HIGH,
            MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Mode")
        .define(
            KEY_FIELDS,
            Type.LIST,
            "",
            Importance.HIGH,
            KEY_FIELDS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Key fields")
        .define(
            KEY_FORMAT,
            Type.STRING,
            KEY_FORMAT_DEFAULT,
            CaseInsensitiveValidString.in(JSON, AVRO_CONFLUENT, RAW),
            Importance.HIGH,
            KEY_FORMAT_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Key format")
        .define(
            VALUE_FORMAT,
            Type.STRING,
            VALUE_FORMAT_DEFAULT,
            CaseInsensitiveValidString.in(JSON, AVRO_CONFLUENT),
            Importance.HIGH,
            VALUE_FORMAT_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Value format")
        .define(
            VALUE_FIELDS_INCLUDE,
            Type.STRING,
            VALUE_FIELDS_INCLUDE_DEFAULT,
            CaseInsensitiveValidString.in("ALL", "EXCEPT_KEY"),
            Importance.MEDIUM,
            VALUE_FIELDS_INCLUDE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Value fields include")
        .define(
            DELETE_ON_NULL,
            Type.BOOLEAN,
            DELETE_ON_NULL_DEFAULT,
            Importance.MEDIUM,
            DELETE_ON_NULL_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Delete on null")
        .define(
            JSON_TIMESTAMP_STANDARD,
            Type.STRING,
            JSON_TIMESTAMP_STANDARD_DEFAULT,
            CaseInsensitiveValidString.in("SQL", "ISO-8601"),
            Importance.LOW,
            JSON_TIMESTAMP_STANDARD_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "JSON timestamp format")
        .define(
            JSON_DECIMAL_PLAIN,
            Type.BOOLEAN,
            JSON_DECIMAL_PLAIN_DEFAULT,
            Importance.LOW,
            JSON_DECIMAL_PLAIN_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "JSON decimals as plain numbers")
        .define(
            COMBINE,
            Type.STRING,
            COMBINE_DEFAULT,
            CaseInsensitiveValidString.in("off", "merge"),
            Importance.MEDIUM,
            COMBINE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Combine");
  }
}
