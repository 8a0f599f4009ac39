package io.spillway.connect.testkit.tablestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DeleteTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKeyOption;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TablestoreTablesTest {
  private static TablestoreServer server;
  private static SyncClient client;

  @BeforeAll
  static void start() {
    server = TablestoreServer.start();
    client = server.syncClient();
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  static void create(
      SyncClient client, String table, TableOptions options, PrimaryKeySchema... pk) {
    TableMeta meta = new TableMeta(table);
    for (PrimaryKeySchema column : pk) {
      meta.addPrimaryKeyColumn(column);
    }
    client.createTable(new CreateTableRequest(meta, options));
  }

  @Test
  void createDescribeListDelete() {
    create(
        client,
        "orders",
        new TableOptions(86400, 3),
        new PrimaryKeySchema("region", PrimaryKeyType.STRING),
        new PrimaryKeySchema("seq", PrimaryKeyType.INTEGER, PrimaryKeyOption.AUTO_INCREMENT),
        new PrimaryKeySchema("blob", PrimaryKeyType.BINARY));
    create(
        client,
        "audit",
        new TableOptions(-1, 1),
        new PrimaryKeySchema("id", PrimaryKeyType.STRING));

    DescribeTableResponse described = client.describeTable(new DescribeTableRequest("orders"));
    TableMeta meta = described.getTableMeta();
    assertEquals("orders", meta.getTableName());
    List<PrimaryKeySchema> pk = meta.getPrimaryKeyList();
    assertEquals(3, pk.size());
    assertEquals("region", pk.get(0).getName());
    assertEquals(PrimaryKeyType.STRING, pk.get(0).getType());
    assertEquals(null, pk.get(0).getOption());
    assertEquals("seq", pk.get(1).getName());
    assertEquals(PrimaryKeyType.INTEGER, pk.get(1).getType());
    assertEquals(PrimaryKeyOption.AUTO_INCREMENT, pk.get(1).getOption());
    assertEquals(PrimaryKeyType.BINARY, pk.get(2).getType());
    assertEquals(86400, described.getTableOptions().getTimeToLive());
    assertEquals(3, described.getTableOptions().getMaxVersions());
    assertTrue(described.getCreationTime() > 0);
    assertTrue(server.requests("DescribeTable") >= 1);

    assertTrue(client.listTable().getTableNames().containsAll(List.of("audit", "orders")));

    client.deleteTable(new DeleteTableRequest("audit"));
    assertTrue(!client.listTable().getTableNames().contains("audit"));
    TableStoreException gone =
        assertThrows(
            TableStoreException.class,
            () -> client.describeTable(new DescribeTableRequest("audit")));
    assertEquals("OTSObjectNotExist", gone.getErrorCode());
    assertEquals(404, gone.getHttpStatus());
    assertTrue(gone.getRequestId() != null && !gone.getRequestId().isEmpty());
  }

  @Test
  void createTwiceIsRefused() {
    create(
        client,
        "twice",
        new TableOptions(-1, 1),
        new PrimaryKeySchema("id", PrimaryKeyType.STRING));
    TableStoreException e =
        assertThrows(
            TableStoreException.class,
            () ->
                create(
                    client,
                    "twice",
                    new TableOptions(-1, 1),
                    new PrimaryKeySchema("id", PrimaryKeyType.STRING)));
    assertEquals("OTSObjectAlreadyExist", e.getErrorCode());
    assertEquals(409, e.getHttpStatus());
  }

  @Test
  void deleteMissingTableIsRefused() {
    TableStoreException e =
        assertThrows(
            TableStoreException.class, () -> client.deleteTable(new DeleteTableRequest("nothing")));
    assertEquals("OTSObjectNotExist", e.getErrorCode());
  }

  @Test
  void autoIncrementFirstColumnIsRefused() {
    TableStoreException e =
        assertThrows(
            TableStoreException.class,
            () ->
                create(
                    client,
                    "badauto",
                    new TableOptions(-1, 1),
                    new PrimaryKeySchema(
                        "id", PrimaryKeyType.INTEGER, PrimaryKeyOption.AUTO_INCREMENT)));
    assertEquals("OTSParameterInvalid", e.getErrorCode());
  }
}
