package io.spillway.connect.testkit.tablestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Condition;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyOption;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.ReturnType;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.SingleRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PutRow, UpdateRow, DeleteRow, GetRow through the SDK's SyncClient, read back field by field. */
class TablestoreRowOpsTest {
  private static TablestoreServer server;
  private static SyncClient client;

  @BeforeAll
  static void start() {
    server = TablestoreServer.start();
    client = server.syncClient();
    TablestoreTablesTest.create(
        client,
        "rows",
        new TableOptions(-1, 3),
        new PrimaryKeySchema("tenant", PrimaryKeyType.STRING),
        new PrimaryKeySchema("id", PrimaryKeyType.INTEGER));
    TablestoreTablesTest.create(
        client,
        "events",
        new TableOptions(-1, 1),
        new PrimaryKeySchema("source", PrimaryKeyType.STRING),
        new PrimaryKeySchema("seq", PrimaryKeyType.INTEGER, PrimaryKeyOption.AUTO_INCREMENT));
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  static PrimaryKey key(String tenant, long id) {
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn("tenant", PrimaryKeyValue.fromString(tenant))
        .addPrimaryKeyColumn("id", PrimaryKeyValue.fromLong(id))
        .build();
  }

  static Row get(SyncClient client, String table, PrimaryKey key, int maxVersions) {
    SingleRowQueryCriteria criteria = new SingleRowQueryCriteria(table, key);
    criteria.setMaxVersions(maxVersions);
    return client.getRow(new GetRowRequest(criteria)).getRow();
  }

  @Test
  void putThenGetEveryType() {
    long ts = System.currentTimeMillis() - 60_000;
    RowPutChange put = new RowPutChange("rows", key("acme", 1));
    put.addColumn("s", ColumnValue.fromString("héllo"));
    put.addColumn("l", ColumnValue.fromLong(-42));
    put.addColumn("d", ColumnValue.fromDouble(2.5));
    put.addColumn("b", ColumnValue.fromBoolean(true));
    put.addColumn("bin", ColumnValue.fromBinary(new byte[] {0, 1, (byte) 0xff}));
    put.addColumn(new Column("at", ColumnValue.fromLong(7), ts));
    client.putRow(new PutRowRequest(put));

    Row row = get(client, "rows", key("acme", 1), 1);
    assertEquals(key("acme", 1), row.getPrimaryKey());
    assertEquals(6, row.getColumns().length);
    assertEquals("héllo", row.getLatestColumn("s").getValue().asString());
    assertEquals(-42, row.getLatestColumn("l").getValue().asLong());
    assertEquals(2.5, row.getLatestColumn("d").getValue().asDouble());
    assertTrue(row.getLatestColumn("b").getValue().asBoolean());
    assertArrayEquals(
        new byte[] {0, 1, (byte) 0xff}, row.getLatestColumn("bin").getValue().asBinary());
    assertEquals(ts, row.getLatestColumn("at").getTimestamp());
    assertNull(get(client, "rows", key("acme", 2), 1));

    // A second put replaces the whole row.
    RowPutChange again = new RowPutChange("rows", key("acme", 1));
    again.addColumn("s", ColumnValue.fromString("only"));
    client.putRow(new PutRowRequest(again));
    Row replaced = get(client, "rows", key("acme", 1), 1);
    assertEquals(1, replaced.getColumns().length);
    assertEquals("only", replaced.getLatestColumn("s").getValue().asString());
  }

  @Test
  void updatePutsDeletesOneVersionAndAllVersions() {
    long now = System.currentTimeMillis();
    RowPutChange put = new RowPutChange("rows", key("upd", 1));
    put.addColumn(new Column("v", ColumnValue.fromLong(1), now - 3000));
    put.addColumn(new Column("gone", ColumnValue.fromString("x"), now - 3000));
    put.addColumn(new Column("keep", ColumnValue.fromString("k"), now - 3000));
    client.putRow(new PutRowRequest(put));

    RowUpdateChange update = new RowUpdateChange("rows", key("upd", 1));
    update.put(new Column("v", ColumnValue.fromLong(2), now - 2000));
    update.put(new Column("v", ColumnValue.fromLong(3), now - 1000));
    update.deleteColumns("gone");
    update.put("added", ColumnValue.fromString("new"));
    client.updateRow(new UpdateRowRequest(update));

    Row row = get(client, "rows", key("upd", 1), 3);
    List<Column> versions = row.getColumn("v");
    assertEquals(3, versions.size());
    assertEquals(3, versions.get(0).getValue().asLong());
    assertEquals(now - 1000, versions.get(0).getTimestamp());
    assertEquals(1, versions.get(2).getValue().asLong());
    assertTrue(row.getColumn("gone").isEmpty());
    assertEquals("k", row.getLatestColumn("keep").getValue().asString());
    assertEquals("new", row.getLatestColumn("added").getValue().asString());

    RowUpdateChange deleteOne = new RowUpdateChange("rows", key("upd", 1));
    deleteOne.deleteColumn("v", now - 1000);
    client.updateRow(new UpdateRowRequest(deleteOne));
    Row after = get(client, "rows", key("upd", 1), 1);
    assertEquals(2, after.getLatestColumn("v").getValue().asLong());
    assertEquals(1, after.getColumn("v").size());
  }

  @Test
  void keyOnlyRowsExistButEmptiedUpdatesDoNot() {
    client.putRow(new PutRowRequest(new RowPutChange("rows", key("keyonly", 1))));
    Row keyOnly = get(client, "rows", key("keyonly", 1), 1);
    assertEquals(key("keyonly", 1), keyOnly.getPrimaryKey());
    assertEquals(0, keyOnly.getColumns().length);

    RowUpdateChange deleteOnly = new RowUpdateChange("rows", key("keyonly", 2));
    deleteOnly.deleteColumns("nothing");
    client.updateRow(new UpdateRowRequest(deleteOnly));
    assertNull(get(client, "rows", key("keyonly", 2), 1));

    RowUpdateChange add = new RowUpdateChange("rows", key("keyonly", 3));
    add.put("a", ColumnValue.fromLong(1));
    client.updateRow(new UpdateRowRequest(add));
    RowUpdateChange remove = new RowUpdateChange("rows", key("keyonly", 3));
    remove.deleteColumns("a");
    client.updateRow(new UpdateRowRequest(remove));
    assertNull(get(client, "rows", key("keyonly", 3), 1));
  }

  @Test
  void deleteAndConditions() {
    RowPutChange put = new RowPutChange("rows", key("del", 1));
    put.addColumn("a", ColumnValue.fromLong(1));
    put.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
    client.putRow(new PutRowRequest(put));
    TableStoreException exists =
        assertThrows(TableStoreException.class, () -> client.putRow(new PutRowRequest(put)));
    assertEquals("OTSConditionCheckFail", exists.getErrorCode());
    assertEquals(403, exists.getHttpStatus());

    client.deleteRow(new DeleteRowRequest(new RowDeleteChange("rows", key("del", 1))));
    assertNull(get(client, "rows", key("del", 1), 1));

    RowDeleteChange again = new RowDeleteChange("rows", key("del", 1));
    again.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
    TableStoreException missing =
        assertThrows(
            TableStoreException.class, () -> client.deleteRow(new DeleteRowRequest(again)));
    assertEquals("OTSConditionCheckFail", missing.getErrorCode());

    RowUpdateChange update = new RowUpdateChange("rows", key("del", 1));
    update.put("a", ColumnValue.fromLong(2));
    update.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
    assertThrows(TableStoreException.class, () -> client.updateRow(new UpdateRowRequest(update)));
    assertNull(get(client, "rows", key("del", 1), 1));
  }

  @Test
  void autoIncrementIsFilledAndReturned() {
    PrimaryKey placeholder =
        PrimaryKeyBuilder.createPrimaryKeyBuilder()
            .addPrimaryKeyColumn("source", PrimaryKeyValue.fromString("s1"))
            .addPrimaryKeyColumn("seq", PrimaryKeyValue.AUTO_INCREMENT)
            .build();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 3; i++) {
      RowPutChange put = new RowPutChange("events", placeholder);
      put.addColumn("n", ColumnValue.fromLong(i));
      put.setReturnType(ReturnType.RT_PK);
      PrimaryKey written = client.putRow(new PutRowRequest(put)).getRow().getPrimaryKey();
      long seq = written.getPrimaryKeyColumn("seq").getValue().asLong();
      assertTrue(seq > previous, "auto-increment values increase");
      previous = seq;
      assertEquals(i, get(client, "events", written, 1).getLatestColumn("n").getValue().asLong());
    }
    assertEquals(3, TablestoreRows.readAll(client, "events").size());
  }

  @Test
  void compressionAndReplyMd5CheckingWork() {
    // Response validation (the reply's signature) is on by default; MD5 checking is not.
    ClientConfiguration config = new ClientConfiguration();
    config.setEnableResponseContentMD5Checking(true);
    config.setEnableRequestCompression(true);
    config.setEnableResponseCompression(true);
    SyncClient compressing =
        new SyncClient(
            server.endpoint(),
            server.accessKeyId(),
            server.accessKeySecret(),
            server.instanceName(),
            config);
    try {
      RowPutChange put = new RowPutChange("rows", key("zip", 1));
      put.addColumn("text", ColumnValue.fromString("abc".repeat(10_000)));
      compressing.putRow(new PutRowRequest(put));
      assertEquals(
          "abc".repeat(10_000),
          get(compressing, "rows", key("zip", 1), 1).getLatestColumn("text").getValue().asString());
    } finally {
      compressing.shutdown();
    }
  }

  @Test
  void badKeysAndMissingTablesAreRefused() {
    RowPutChange wrongType =
        new RowPutChange(
            "rows",
            PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("tenant", PrimaryKeyValue.fromString("x"))
                .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString("not a number"))
                .build());
    TableStoreException type =
        assertThrows(TableStoreException.class, () -> client.putRow(new PutRowRequest(wrongType)));
    assertEquals("OTSParameterInvalid", type.getErrorCode());
    assertEquals(400, type.getHttpStatus());

    RowPutChange missingColumn =
        new RowPutChange(
            "rows",
            PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("tenant", PrimaryKeyValue.fromString("x"))
                .build());
    assertEquals(
        "OTSParameterInvalid",
        assertThrows(
                TableStoreException.class, () -> client.putRow(new PutRowRequest(missingColumn)))
            .getErrorCode());

    RowPutChange noTable = new RowPutChange("nope", key("x", 1));
    assertEquals(
        "OTSObjectNotExist",
        assertThrows(TableStoreException.class, () -> client.putRow(new PutRowRequest(noTable)))
            .getErrorCode());

    RowPutChange tooBig = new RowPutChange("rows", key("big", 1));
    tooBig.addColumn("blob", ColumnValue.fromBinary(new byte[2 * 1024 * 1024 + 1]));
    assertEquals(
        "OTSParameterInvalid",
        assertThrows(TableStoreException.class, () -> client.putRow(new PutRowRequest(tooBig)))
            .getErrorCode());
    assertNull(get(client, "rows", key("big", 1), 1));
  }
}
