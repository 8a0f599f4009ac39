package io.spillway.connect.testkit.tablestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.ConsumedCapacity;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.alicloud.openservices.tablestore.writer.WriterConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK's AsyncClient + DefaultTableStoreWriter against the server; keys are checked. */
class TablestoreWriterTest {
  private static TablestoreServer server;
  private static SyncClient client;

  @BeforeAll
  static void start() {
    server = TablestoreServer.start();
    client = server.syncClient();
    for (String table : List.of("bulk", "partial")) {
      TablestoreTablesTest.create(
          client,
          table,
          new TableOptions(-1, 1),
          new PrimaryKeySchema("part", PrimaryKeyType.STRING),
          new PrimaryKeySchema("n", PrimaryKeyType.INTEGER));
    }
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  /** Rows the writer reported, by primary key column "n". */
  private record Outcome(Set<Long> completed, Map<Long, Exception> failed) {}

  private static Outcome writeWithWriter(String table, int rows) {
    AsyncClient async =
        new AsyncClient(
            server.endpoint(),
            server.accessKeyId(),
            server.accessKeySecret(),
            server.instanceName());
    ExecutorService callbacks = Executors.newFixedThreadPool(2);
    Set<Long> completed = ConcurrentHashMap.newKeySet();
    Map<Long, Exception> failed = new ConcurrentHashMap<>();
    try {
      DefaultTableStoreWriter writer =
          new DefaultTableStoreWriter(
              async,
              table,
              new WriterConfig(),
              new TableStoreCallback<RowChange, ConsumedCapacity>() {
                @Override
                public void onCompleted(RowChange req, ConsumedCapacity res) {
                  completed.add(n(req.getPrimaryKey()));
                }

                @Override
                public void onFailed(RowChange req, Exception ex) {
                  failed.put(n(req.getPrimaryKey()), ex);
                }
              },
              callbacks);
      for (int i = 0; i < rows; i++) {
        RowPutChange put =
            new RowPutChange(
                table,
                PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("part", PrimaryKeyValue.fromString("p" + (i % 7)))
                    .addPrimaryKeyColumn("n", PrimaryKeyValue.fromLong(i))
                    .build());
        put.addColumn("value", ColumnValue.fromString("row-" + i));
        put.addColumn("square", ColumnValue.fromLong((long) i * i));
        writer.addRowChange(put);
      }
      writer.flush();
      writer.close();
    } finally {
      async.shutdown();
      callbacks.shutdown();
    }
    return new Outcome(completed, failed);
  }

  private static long n(PrimaryKey key) {
    return key.getPrimaryKeyColumn("n").getValue().asLong();
  }

  private static void assertRow(Row row) {
    long n = n(row.getPrimaryKey());
    assertEquals(
        "p" + (n % 7), row.getPrimaryKey().getPrimaryKeyColumn("part").getValue().asString());
    assertEquals("row-" + n, row.getLatestColumn("value").getValue().asString());
    assertEquals(n * n, row.getLatestColumn("square").getValue().asLong());
  }

  @Test
  void writerWritesTenThousandRows() {
    long batches = server.requests("BatchWriteRow");
    Outcome outcome = writeWithWriter("bulk", 10_000);
    assertEquals(10_000, outcome.completed().size());
    assertEquals(Map.of(), outcome.failed());
    assertTrue(server.requests("BatchWriteRow") - batches >= 10_000 / 200);

    List<Row> rows = TablestoreRows.readAll(client, "bulk");
    assertEquals(10_000, rows.size());
    Set<Long> seen = new HashSet<>();
    for (Row row : rows) {
      assertRow(row);
      seen.add(n(row.getPrimaryKey()));
    }
    assertEquals(outcome.completed(), seen);
  }

  @Test
  void writerCallbackReportsInjectedRowFailures() {
    server
        .faults()
        .failRows(
            key -> n(key) % 100 == 0, "OTSParameterInvalid", "The row is refused by the test.");
    Outcome outcome;
    try {
      outcome = writeWithWriter("partial", 1000);
    } finally {
      server.faults().clear();
    }
    Set<Long> refused = new HashSet<>();
    for (long n = 0; n < 1000; n += 100) {
      refused.add(n);
    }
    assertEquals(refused, outcome.failed().keySet());
    for (Exception e : outcome.failed().values()) {
      assertTrue(e instanceof TableStoreException, e.toString());
      assertEquals("OTSParameterInvalid", ((TableStoreException) e).getErrorCode());
    }
    assertEquals(1000 - refused.size(), outcome.completed().size());
    List<Row> rows = TablestoreRows.readAll(client, "partial");
    assertEquals(1000 - refused.size(), rows.size());
    rows.forEach(TablestoreWriterTest::assertRow);
    assertTrue(rows.stream().noneMatch(row -> refused.contains(n(row.getPrimaryKey()))));
  }

  @Test
  void wrongKeysAreRefused() {
    SyncClient wrongSecret =
        new SyncClient(
            server.endpoint(), server.accessKeyId(), "not-the-secret", server.instanceName());
    SyncClient wrongId =
        new SyncClient(
            server.endpoint(), "someoneElse", server.accessKeySecret(), server.instanceName());
    try {
      for (SyncClient wrong : List.of(wrongSecret, wrongId)) {
        TableStoreException e = assertThrows(TableStoreException.class, wrong::listTable);
        assertEquals("OTSAuthFailed", e.getErrorCode());
        assertEquals(403, e.getHttpStatus());
      }
    } finally {
      wrongSecret.shutdown();
      wrongId.shutdown();
    }
    assertTrue(client.listTable().getTableNames().contains("bulk"));
  }
}
