package io.spillway.connect.bench;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Tablestore sink's memory row: one row per backlog record (a 256 KiB {@code pad} column is
 * well under Tablestore's 2 MB per column) into a fresh table per run on the in-JVM
 * TablestoreServer, counted by reading only the {@code click} column.
 */
final class TablestoreMemoryDestination implements MemoryDestination {
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("tasks.max", "2");
    SETTINGS.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    SETTINGS.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    SETTINGS.put("value.converter.schemas.enable", "false");
  }

  private final TablestoreServer server;
  private final TablestoreTables tables;
  private final SyncClient client;
  private String table;

  private TablestoreMemoryDestination(TablestoreServer server) {
    this.server = server;
    this.tables = new TablestoreTables(server);
    this.client = server.syncClient();
  }

  static TablestoreMemoryDestination start() {
    return new TablestoreMemoryDestination(TablestoreServer.start());
  }

  @Override
  public String sink() {
    return "Tablestore sink";
  }

  @Override
  public String pluginProperty() {
    return "spillway.tablestore.archive";
  }

  @Override
  public String settings() {
    return MemoryDestination.stated(SETTINGS)
        + "; all other settings at their defaults (buffer.size=1024 rows per bucket,"
        + " bucket.count=3, max.concurrency=10); into a fresh table (primary key topic_partition,"
        + " offset) per run on the in-JVM TablestoreServer";
  }

  @Override
  public Map<String, String> create(String run, String topic) {
    table = run.replace('-', '_');
    tables.create(table);
    Map<String, String> config = server.sinkConnection();
    config.putAll(SETTINGS);
    config.put("connector.class", "io.spillway.connect.tablestore.TablestoreSinkConnector");
    config.put("topics", topic);
    config.put("table.name.format", table);
    return config;
  }

  @Override
  public long landed() {
    Set<String> clicks = new HashSet<>();
    scan(List.of("click"), 5_000, row -> clicks.add(cell(row, "click")));
    return clicks.size();
  }

  @Override
  public void verify(int records) {
    // A value's pad is what is left of it after the other fields (at most ~170 bytes).
    int valueBytes = MemoryBacklog.RECORD_BYTES;
    Set<String> clicks = new HashSet<>();
    int[] rows = new int[2]; // rows, rows with a pad cut short or too long
    scan(
        List.of("click", "pad"),
        50, // 50 rows of 256 KiB per reply
        row -> {
          rows[0]++;
          clicks.add(cell(row, "click"));
          int pad =
              row.getLatestColumn("pad") == null
                  ? 0
                  : row.getLatestColumn("pad").getValue().asString().length();
          if (pad < valueBytes - 200 || pad >= valueBytes) {
            rows[1]++;
          }
        });
    if (rows[0] != records || clicks.size() != records || rows[1] != 0) {
      throw new IllegalStateException(
          String.format(
              "%s: %d rows, %d distinct clicks, %d pads not just under %d characters; expected %d"
                  + " rows, each click once",
              table, rows[0], clicks.size(), rows[1], valueBytes, records));
    }
  }

  private static String cell(Row row, String column) {
    return row.getLatestColumn(column) == null
        ? ""
        : row.getLatestColumn(column).getValue().toString();
  }

  /** Every row of the run's table, {@code pageRows} per GetRange, with only {@code columns}. */
  private void scan(List<String> columns, int pageRows, Consumer<Row> each) {
    RangeRowQueryCriteria criteria = new RangeRowQueryCriteria(table);
    criteria.setInclusiveStartPrimaryKey(bound(PrimaryKeyValue.INF_MIN));
    criteria.setExclusiveEndPrimaryKey(bound(PrimaryKeyValue.INF_MAX));
    criteria.setMaxVersions(1);
    criteria.setLimit(pageRows);
    criteria.addColumnsToGet(columns);
    while (true) {
      GetRangeResponse page = client.getRange(new GetRangeRequest(criteria));
      page.getRows().forEach(each);
      if (page.getNextStartPrimaryKey() == null) {
        return;
      }
      criteria.setInclusiveStartPrimaryKey(page.getNextStartPrimaryKey());
    }
  }

  private static PrimaryKey bound(PrimaryKeyValue value) {
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn("topic_partition", value)
        .addPrimaryKeyColumn("offset", value)
        .build();
  }

  @Override
  public void drop() {
    if (table != null) {
      tables.delete(table);
      table = null;
    }
  }

  @Override
  public void close() {
    try {
      client.shutdown();
      tables.close();
    } finally {
      server.close();
    }
  }
}
