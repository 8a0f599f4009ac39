package io.spillway.connect.testkit.tablestore;

import static io.spillway.connect.testkit.tablestore.TablestoreRowOpsTest.get;
import static io.spillway.connect.testkit.tablestore.TablestoreRowOpsTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DefaultRetryStrategy;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each injected fault as the SDK's SyncClient sees it. */
class TablestoreFaultsTest {
  private static TablestoreServer server;
  private static SyncClient client;

  @BeforeAll
  static void start() {
    server = TablestoreServer.start();
    client = server.syncClient();
    TablestoreTablesTest.create(
        client,
        "faulty",
        new TableOptions(-1, 1),
        new PrimaryKeySchema("tenant", PrimaryKeyType.STRING),
        new PrimaryKeySchema("id", PrimaryKeyType.INTEGER));
  }

  @AfterEach
  void clear() {
    server.faults().clear();
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  static RowPutChange put(PrimaryKey key, long value) {
    RowPutChange put = new RowPutChange("faulty", key);
    put.addColumn("v", ColumnValue.fromLong(value));
    return put;
  }

  static SyncClient client(int retrySeconds, int socketTimeoutMillis) {
    ClientConfiguration config = new ClientConfiguration();
    config.setRetryStrategy(new DefaultRetryStrategy(retrySeconds, TimeUnit.SECONDS));
    config.setSocketTimeoutInMillisecond(socketTimeoutMillis);
    return new SyncClient(
        server.endpoint(),
        server.accessKeyId(),
        server.accessKeySecret(),
        server.instanceName(),
        config);
  }

  static Predicate<PrimaryKey> idDivisibleBy(int n) {
    return key -> key.getPrimaryKeyColumn("id").getValue().asLong() % n == 0;
  }

  @Test
  void briefServerBusyIsRetriedBySdk() {
    server.faults().serverBusyFor(Duration.ofMillis(400));
    long before = server.requests("PutRow");
    client.putRow(new PutRowRequest(put(key("busy", 1), 1)));
    assertTrue(server.requests("PutRow") - before > 1, "the SDK retried OTSServerBusy");
    assertEquals(
        1, get(client, "faulty", key("busy", 1), 1).getLatestColumn("v").getValue().asLong());
  }

  @Test
  void longServerBusyFailsAfterSdkRetries() {
    server.faults().serverBusyFor(Duration.ofSeconds(30));
    SyncClient impatient = client(1, 5000);
    try {
      TableStoreException e =
          assertThrows(
              TableStoreException.class,
              () -> impatient.putRow(new PutRowRequest(put(key("busy", 2), 2))));
      assertEquals("OTSServerBusy", e.getErrorCode());
      assertEquals(503, e.getHttpStatus());
      assertTrue(e.getRequestId() != null);
      assertNotNull(
          impatient.describeTable(
              new com.alicloud.openservices.tablestore.model.DescribeTableRequest("faulty")));
      server.faults().clear();
      impatient.putRow(new PutRowRequest(put(key("busy", 2), 2)));
      assertEquals(
          2, get(client, "faulty", key("busy", 2), 1).getLatestColumn("v").getValue().asLong());
    } finally {
      impatient.shutdown();
    }
  }

  @Test
  void failedRowsFailAloneInBatchesAndWholeInPutRow() {
    server.faults().failRows(idDivisibleBy(3), "OTSQuotaExhausted", "Too much for row");
    BatchWriteRowRequest batch = new BatchWriteRowRequest();
    for (int i = 0; i < 10; i++) {
      batch.addRowChange(put(key("part", i), i));
    }
    BatchWriteRowResponse response = client.batchWriteRow(batch);
    List<BatchWriteRowResponse.RowResult> failed = response.getFailedRows();
    assertEquals(
        List.of(0, 3, 6, 9),
        failed.stream().map(BatchWriteRowResponse.RowResult::getIndex).toList());
    for (BatchWriteRowResponse.RowResult row : failed) {
      assertEquals("OTSQuotaExhausted", row.getError().getCode());
      assertEquals("Too much for row", row.getError().getMessage());
    }
    for (int i = 0; i < 10; i++) {
      if (i % 3 == 0) {
        assertNull(get(client, "faulty", key("part", i), 1));
      } else {
        assertEquals(
            i, get(client, "faulty", key("part", i), 1).getLatestColumn("v").getValue().asLong());
      }
    }
    TableStoreException single =
        assertThrows(
            TableStoreException.class,
            () -> client.putRow(new PutRowRequest(put(key("part", 3), 3))));
    assertEquals("OTSQuotaExhausted", single.getErrorCode());
    assertEquals(403, single.getHttpStatus());
  }

  @Test
  void droppedConnectionRetriedForReadsNotForWrites() {
    client.putRow(new PutRowRequest(put(key("drop", 1), 1)));
    server.faults().dropConnections(1);
    long gets = server.requests("GetRow");
    assertEquals(
        1, get(client, "faulty", key("drop", 1), 1).getLatestColumn("v").getValue().asLong());
    assertEquals(2, server.requests("GetRow") - gets, "GetRow is idempotent: the SDK retried");

    server.faults().dropConnections(1);
    assertThrows(
        ClientException.class, () -> client.putRow(new PutRowRequest(put(key("drop", 2), 2))));
    assertNull(get(client, "faulty", key("drop", 2), 1));
  }

  @Test
  void droppedReplyLeavesTheWriteApplied() {
    server.faults().dropReplies(1);
    assertThrows(
        ClientException.class, () -> client.putRow(new PutRowRequest(put(key("lost", 1), 1))));
    assertEquals(
        1, get(client, "faulty", key("lost", 1), 1).getLatestColumn("v").getValue().asLong());
  }

  @Test
  void slowRepliesTimeOutShortSocketTimeouts() {
    server.faults().slowReplies(Duration.ofMillis(1500));
    SyncClient hasty = client(0, 300);
    try {
      assertThrows(
          ClientException.class, () -> hasty.putRow(new PutRowRequest(put(key("slow", 1), 1))));
      server.faults().slowReplies(Duration.ofMillis(100));
      hasty.putRow(new PutRowRequest(put(key("slow", 2), 2)));
      assertEquals(
          2, get(hasty, "faulty", key("slow", 2), 1).getLatestColumn("v").getValue().asLong());
    } finally {
      hasty.shutdown();
    }
  }
}
