package io.spillway.connect.bench;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DeleteTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The bench's tables on the in-JVM TablestoreServer: a fresh table per run with the sink's kafka
 * primary key ({@code topic_partition} STRING, {@code offset} INTEGER), dropped after the run, and
 * the check of its final state.
 */
final class TablestoreTables implements AutoCloseable {
  /** Records compared column by column: at most this many from the start of the partitions. */
  private static final int SAMPLE = 200;

  private final SyncClient client;

  TablestoreTables(TablestoreServer server) {
    this.client = server.syncClient();
  }

  void create(String table) {
    TableMeta meta = new TableMeta(table);
    meta.addPrimaryKeyColumn(new PrimaryKeySchema("topic_partition", PrimaryKeyType.STRING));
    meta.addPrimaryKeyColumn(new PrimaryKeySchema("offset", PrimaryKeyType.INTEGER));
    client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
  }

  void delete(String table) {
    client.deleteTable(new DeleteTableRequest(table));
  }

  int count(String table) {
    return TablestoreRows.readAll(client, table).size();
  }

  /**
   * Throws unless the table holds exactly one row per record of the topic: {@code records} rows,
   * each with a distinct {@code click}, and a sample of records (the first of each partition)
   * compared column by column with the row {@link RawTablestoreWriterLoop#row} makes of it.
   */
  void verify(String bootstrap, String topic, String table, String who, int records)
      throws IOException {
    List<Row> rows = TablestoreRows.readAll(client, table);
    Set<Object> clicks = new HashSet<>();
    Map<String, Map<String, Object>> byPosition = new HashMap<>();
    for (Row row : rows) {
      Map<String, Object> cells = TablestoreRows.asMap(row);
      clicks.add(cells.get("click"));
      byPosition.put(cells.get("topic_partition") + "/" + cells.get("offset"), cells);
    }
    if (rows.size() != records || clicks.size() != records) {
      throw new IllegalStateException(
          String.format(
              "%s: %d rows with %d distinct clicks in %s, expected %d",
              who, rows.size(), clicks.size(), table, records));
    }
    List<ConsumerRecord<byte[], byte[]>> sample = sample(bootstrap, topic);
    for (ConsumerRecord<byte[], byte[]> record : sample) {
      Map<String, Object> expected =
          TablestoreRows.asMap(toRow(RawTablestoreWriterLoop.row(table, record)));
      String position = record.topic() + "_" + record.partition() + "/" + record.offset();
      if (!expected.equals(byPosition.get(position))) {
        throw new IllegalStateException(
            who
                + ": row "
                + position
                + " is "
                + byPosition.get(position)
                + ", expected "
                + expected);
      }
    }
    System.out.printf(
        "%s: all %,d rows in %s, %d sampled rows as expected%n", who, records, table, SAMPLE);
  }

  /** The row a put change writes (its key and columns), for comparing with a row read back. */
  private static Row toRow(RowPutChange put) {
    return new Row(put.getPrimaryKey(), put.getColumnsToPut().toArray(new Column[0]));
  }

  private static List<ConsumerRecord<byte[], byte[]>> sample(String bootstrap, String topic) {
    List<ConsumerRecord<byte[], byte[]>> sample = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        TopicReader.fromBeginning(bootstrap, topic, SAMPLE)) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (sample.isEmpty() && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(sample::add);
      }
    }
    if (sample.isEmpty()) {
      throw new IllegalStateException("No record of " + topic + " to sample");
    }
    return sample;
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
