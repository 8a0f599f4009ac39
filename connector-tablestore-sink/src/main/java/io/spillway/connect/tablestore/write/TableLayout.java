package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.PrimaryKeyOption;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import io.spillway.connect.tablestore.write.PrimaryKeyConfig.SearchTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * What the sink writes into one table: its primary key columns, the attribute whitelist (empty:
 * every field), and search mode's timestamp source. Built from the config for each table.
 */
public record TableLayout(
    String table,
    List<KeyColumn> key,
    List<WhitelistConfig.Column> whitelist,
    SearchTimestamp searchTimestamp) {

  /** kafka mode's key, as the aliyun connector names it. */
  public static final String TOPIC_PARTITION = "topic_partition";

  public static final String OFFSET = "offset";

  /** search mode's key and timestamp column. */
  public static final String MD5 = "md5";

  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String TIMESTAMP = "timestamp";

  public static TableLayout of(PrimaryKeyMode mode, Map<String, String> props, String table) {
    List<KeyColumn> key =
        switch (mode) {
          case KAFKA ->
              List.of(
                  new KeyColumn(TOPIC_PARTITION, KeyColumn.Type.STRING),
                  new KeyColumn(OFFSET, KeyColumn.Type.INTEGER));
          case SEARCH ->
              List.of(
                  new KeyColumn(MD5, KeyColumn.Type.STRING),
                  new KeyColumn(TOPIC, KeyColumn.Type.STRING),
                  new KeyColumn(PARTITION, KeyColumn.Type.INTEGER),
                  new KeyColumn(OFFSET, KeyColumn.Type.INTEGER));
          case RECORD_KEY, RECORD_VALUE -> recordKey(mode, props, table);
        };
    return new TableLayout(
        table,
        key,
        WhitelistConfig.columns(props, table),
        PrimaryKeyConfig.searchTimestamp(props, table));
  }

  private static List<KeyColumn> recordKey(
      PrimaryKeyMode mode, Map<String, String> props, String table) {
    List<KeyColumn> key;
    try {
      key = PrimaryKeyConfig.keyColumns(props, table);
    } catch (RuntimeException e) {
      throw new ConnectException("Table '" + table + "': " + e.getMessage(), e);
    }
    if (key.isEmpty()) {
      throw new ConnectException(
          "primarykey.mode="
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + " but table '"
              + table
              + "' has no "
              + String.format(PrimaryKeyConfig.NAMES_TEMPLATE, table)
              + " / "
              + String.format(PrimaryKeyConfig.TYPES_TEMPLATE, table));
    }
    return key;
  }

  /** The key as the SDK declares it when creating or checking the table. */
  public List<PrimaryKeySchema> keySchema() {
    List<PrimaryKeySchema> schema = new ArrayList<>(key.size());
    for (KeyColumn column : key) {
      schema.add(
          switch (column.type()) {
            case STRING -> new PrimaryKeySchema(column.name(), PrimaryKeyType.STRING);
            case INTEGER -> new PrimaryKeySchema(column.name(), PrimaryKeyType.INTEGER);
            case BINARY -> new PrimaryKeySchema(column.name(), PrimaryKeyType.BINARY);
            case AUTO_INCREMENT ->
                new PrimaryKeySchema(
                    column.name(), PrimaryKeyType.INTEGER, PrimaryKeyOption.AUTO_INCREMENT);
          });
    }
    return schema;
  }

  public boolean isKeyColumn(String name) {
    for (KeyColumn column : key) {
      if (column.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
