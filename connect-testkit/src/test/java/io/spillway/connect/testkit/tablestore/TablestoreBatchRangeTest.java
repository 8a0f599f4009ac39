package io.spillway.connect.testkit.tablestore;

import static io.spillway.connect.testkit.tablestore.TablestoreRowOpsTest.get;
import static io.spillway.connect.testkit.tablestore.TablestoreRowOpsTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Condition;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.TableOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BatchWriteRow (per-row results and conditions, two tables) and GetRange through the SDK. */
class TablestoreBatchRangeTest {
  private static TablestoreServer server;
  private static SyncClient client;

  @BeforeAll
  static void start() {
    server = TablestoreServer.start();
    client = server.syncClient();
    for (String table : List.of("left", "right", "ranged")) {
      TablestoreTablesTest.create(
          client,
          table,
          new TableOptions(-1, 1),
          new PrimaryKeySchema("tenant", PrimaryKeyType.STRING),
          new PrimaryKeySchema("id", PrimaryKeyType.INTEGER));
    }
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  private static RowPutChange put(String table, PrimaryKey key, long value) {
    RowPutChange put = new RowPutChange(table, key);
    put.addColumn("v", ColumnValue.fromLong(value));
    return put;
  }

  @Test
  void batchWritesAcrossTablesWithPerRowResults() {
    client.putRow(new PutRowRequest(put("left", key("a", 9), 9)));
    client.putRow(new PutRowRequest(put("right", key("a", 8), 8)));

    BatchWriteRowRequest batch = new BatchWriteRowRequest();
    batch.addRowChange(put("left", key("a", 1), 1)); // left #0 ok
    RowPutChange duplicate = put("left", key("a", 9), 99);
    duplicate.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
    batch.addRowChange(duplicate); // left #1 condition fails
    RowUpdateChange update = new RowUpdateChange("right", key("a", 8));
    update.put("w", ColumnValue.fromString("x"));
    update.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
    batch.addRowChange(update); // right #0 ok
    RowDeleteChange missing = new RowDeleteChange("right", key("a", 7));
    missing.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
    batch.addRowChange(missing); // right #1 condition fails
    batch.addRowChange(put("left", key("b", 2), 2)); // left #2 ok

    BatchWriteRowResponse response = client.batchWriteRow(batch);
    assertFalse(response.isAllSucceed());
    List<BatchWriteRowResponse.RowResult> failed = response.getFailedRows();
    assertEquals(2, failed.size());
    for (BatchWriteRowResponse.RowResult row : failed) {
      assertEquals("OTSConditionCheckFail", row.getError().getCode());
    }
    assertEquals(
        List.of("left#1", "right#1"),
        failed.stream().map(r -> r.getTableName() + "#" + r.getIndex()).sorted().toList());
    assertEquals(3, response.getSucceedRows().size());

    assertEquals(1, get(client, "left", key("a", 1), 1).getLatestColumn("v").getValue().asLong());
    assertEquals(9, get(client, "left", key("a", 9), 1).getLatestColumn("v").getValue().asLong());
    assertEquals(2, get(client, "left", key("b", 2), 1).getLatestColumn("v").getValue().asLong());
    Row right = get(client, "right", key("a", 8), 1);
    assertEquals(8, right.getLatestColumn("v").getValue().asLong());
    assertEquals("x", right.getLatestColumn("w").getValue().asString());

    BatchWriteRowRequest delete = new BatchWriteRowRequest();
    delete.addRowChange(new RowDeleteChange("left", key("a", 1)));
    assertEquals(true, client.batchWriteRow(delete).isAllSucceed());
    assertNull(get(client, "left", key("a", 1), 1));
  }

  @Test
  void batchOverTwoHundredRowsIsRefused() {
    BatchWriteRowRequest batch = new BatchWriteRowRequest();
    for (int i = 0; i < 201; i++) {
      batch.addRowChange(put("left", key("many", i), i));
    }
    TableStoreException e =
        assertThrows(TableStoreException.class, () -> client.batchWriteRow(batch));
    assertEquals("OTSParameterInvalid", e.getErrorCode());
  }

  @Test
  void rangeReadsInKeyOrderPageByPage() {
    // Keys inserted out of order; Tablestore orders STRING bytewise, then INTEGER numerically.
    String[] tenants = {"b", "a", "B", "ab", "é"};
    for (String tenant : tenants) {
      for (long id : new long[] {10, -3, 2}) {
        client.putRow(new PutRowRequest(put("ranged", key(tenant, id), id)));
      }
    }
    List<Row> all = TablestoreRows.readAll(client, "ranged");
    assertEquals(15, all.size());
    List<String> order = all.stream().map(TablestoreBatchRangeTest::label).toList();
    assertEquals(
        List.of(
            "B/-3", "B/2", "B/10", "a/-3", "a/2", "a/10", "ab/-3", "ab/2", "ab/10", "b/-3", "b/2",
            "b/10", "é/-3", "é/2", "é/10"),
        order);

    RangeRowQueryCriteria criteria = new RangeRowQueryCriteria("ranged");
    criteria.setInclusiveStartPrimaryKey(key("a", 2));
    criteria.setExclusiveEndPrimaryKey(bound("b", PrimaryKeyValue.INF_MAX));
    criteria.setMaxVersions(1);
    criteria.setLimit(4);
    GetRangeResponse page = client.getRange(new GetRangeRequest(criteria));
    assertEquals(
        List.of("a/2", "a/10", "ab/-3", "ab/2"),
        page.getRows().stream().map(TablestoreBatchRangeTest::label).toList());
    assertEquals(key("ab", 10), page.getNextStartPrimaryKey());
    criteria.setInclusiveStartPrimaryKey(page.getNextStartPrimaryKey());
    GetRangeResponse rest = client.getRange(new GetRangeRequest(criteria));
    assertEquals(
        List.of("ab/10", "b/-3", "b/2", "b/10"),
        rest.getRows().stream().map(TablestoreBatchRangeTest::label).toList());
    assertNull(rest.getNextStartPrimaryKey());

    RangeRowQueryCriteria backward = new RangeRowQueryCriteria("ranged");
    backward.setDirection(Direction.BACKWARD);
    backward.setInclusiveStartPrimaryKey(key("a", 10));
    backward.setExclusiveEndPrimaryKey(bound("B", PrimaryKeyValue.INF_MIN));
    backward.setMaxVersions(1);
    assertEquals(
        List.of("a/10", "a/2", "a/-3", "B/10", "B/2", "B/-3"),
        client.getRange(new GetRangeRequest(backward)).getRows().stream()
            .map(TablestoreBatchRangeTest::label)
            .toList());
  }

  private static PrimaryKey bound(String tenant, PrimaryKeyValue id) {
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn("tenant", PrimaryKeyValue.fromString(tenant))
        .addPrimaryKeyColumn("id", id)
        .build();
  }

  private static String label(Row row) {
    PrimaryKey pk = row.getPrimaryKey();
    assertEquals(
        pk.getPrimaryKeyColumn("id").getValue().asLong(),
        row.getLatestColumn("v").getValue().asLong());
    return pk.getPrimaryKeyColumn("tenant").getValue().asString()
        + "/"
        + pk.getPrimaryKeyColumn("id").getValue().asLong();
  }
}
