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
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.alicloud.openservices.tablestore.writer.WriterConfig;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
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
    TablestoreTablesTest.create(
        client,
        "bulk",
        new TableOptions(-1, 1),
        new PrimaryKeySchema("part", PrimaryKeyType.STRING),
        new PrimaryKeySchema("n", PrimaryKeyType.INTEGER));
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  @Test
  void writerWritesTenThousandRows() {
    AsyncClient async =
        new AsyncClient(
            server.endpoint(),
            server.accessKeyId(),
            server.accessKeySecret(),
            server.instanceName());
    ExecutorService callbacks = Executors.newFixedThreadPool(2);
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    try {
      DefaultTableStoreWriter writer =
          new DefaultTableStoreWriter(
              async,
              "bulk",
              new WriterConfig(),
              new TableStoreCallback<RowChange, ConsumedCapacity>() {
                @Override
                public void onCompleted(RowChange req, ConsumedCapacity res) {
                  completed.incrementAndGet();
                }

                @Override
                public void onFailed(RowChange req, Exception ex) {
                  failed.incrementAndGet();
                }
              },
              callbacks);
      for (int i = 0; i < 10_000; i++) {
        RowPutChange put =
            new RowPutChange(
                "bulk",
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
    assertEquals(10_000, completed.get());
    assertEquals(0, failed.get());
    assertTrue(server.requests("BatchWriteRow") >= 10_000 / 200);

    List<Row> rows = TablestoreRows.readAll(client, "bulk");
    assertEquals(10_000, rows.size());
    boolean[] seen = new boolean[10_000];
    for (Row row : rows) {
      int n = (int) row.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong();
      assertEquals(
          "p" + (n % 7), row.getPrimaryKey().getPrimaryKeyColumn("part").getValue().asString());
      assertEquals("row-" + n, row.getLatestColumn("value").getValue().asString());
      assertEquals((long) n * n, row.getLatestColumn("square").getValue().asLong());
      seen[n] = true;
    }
    for (int n = 0; n < seen.length; n++) {
      assertTrue(seen[n], "row " + n);
    }
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
