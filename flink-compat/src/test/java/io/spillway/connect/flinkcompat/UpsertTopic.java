package io.spillway.connect.flinkcompat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Flink {@code upsert-kafka} table over a topic: its columns (Flink SQL, e.g. {@code "tenant
 * STRING, id BIGINT, amount DECIMAL(10, 2)"}), primary key, formats and {@code
 * value.fields-include} (ALL or EXCEPT_KEY), plus extra table options such as {@code
 * value.json.timestamp-format.standard}.
 */
record UpsertTopic(
    String bootstrap,
    String topic,
    String columnsDdl,
    List<String> primaryKey,
    String keyFormat,
    String valueFormat,
    String fieldsInclude,
    Map<String, String> options) {

  UpsertTopic {
    primaryKey = List.copyOf(primaryKey);
    options = Map.copyOf(options);
  }

  /** JSON key and value, no extra options. */
  static UpsertTopic json(
      String bootstrap,
      String topic,
      String columnsDdl,
      List<String> primaryKey,
      String fieldsInclude) {
    return new UpsertTopic(
        bootstrap, topic, columnsDdl, primaryKey, "json", "json", fieldsInclude, Map.of());
  }

  /** The same table with one more option. */
  UpsertTopic with(String option, String value) {
    Map<String, String> more = new LinkedHashMap<>(options);
    more.put(option, value);
    return new UpsertTopic(
        bootstrap, topic, columnsDdl, primaryKey, keyFormat, valueFormat, fieldsInclude, more);
  }

  /**
   * {@code CREATE TEMPORARY TABLE} for this topic under {@code table}, with {@code extra} options.
   */
  String ddl(String table, Map<String, String> extra) {
    Map<String, String> with = new LinkedHashMap<>();
    with.put("connector", "upsert-kafka");
    with.put("topic", topic);
    with.put("properties.bootstrap.servers", bootstrap);
    with.put("key.format", keyFormat);
    with.put("value.format", valueFormat);
    with.put("value.fields-include", fieldsInclude);
    with.putAll(options);
    with.putAll(extra);
    String key = primaryKey.stream().map(UpsertTopic::quote).collect(Collectors.joining(", "));
    String withClause =
        with.entrySet().stream()
            .map(e -> literal(e.getKey()) + " = " + literal(e.getValue()))
            .collect(Collectors.joining(",\n  "));
    return "CREATE TEMPORARY TABLE "
        + quote(table)
        + " (\n  "
        + columnsDdl
        + ",\n  PRIMARY KEY ("
        + key
        + ") NOT ENFORCED\n) WITH (\n  "
        + withClause
        + "\n)";
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
