package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import java.util.ArrayList;
import java.util.List;

/** Reads tables back through the SDK, as a test checks what reached Tablestore. */
public final class TablestoreRows {
  private TablestoreRows() {}

  /** Every row of {@code table} (latest version of each column) in key order, page by page. */
  public static List<Row> readAll(SyncClient client, String table) {
    List<PrimaryKeySchema> schema =
        client.describeTable(new DescribeTableRequest(table)).getTableMeta().getPrimaryKeyList();
    RangeRowQueryCriteria criteria = new RangeRowQueryCriteria(table);
    criteria.setInclusiveStartPrimaryKey(bound(schema, PrimaryKeyValue.INF_MIN));
    criteria.setExclusiveEndPrimaryKey(bound(schema, PrimaryKeyValue.INF_MAX));
    criteria.setMaxVersions(1);
    List<Row> rows = new ArrayList<>();
    while (true) {
      GetRangeResponse page = client.getRange(new GetRangeRequest(criteria));
      rows.addAll(page.getRows());
      if (page.getNextStartPrimaryKey() == null) {
        return rows;
      }
      criteria.setInclusiveStartPrimaryKey(page.getNextStartPrimaryKey());
    }
  }

  private static PrimaryKey bound(List<PrimaryKeySchema> schema, PrimaryKeyValue value) {
    PrimaryKeyBuilder key = PrimaryKeyBuilder.createPrimaryKeyBuilder();
    schema.forEach(column -> key.addPrimaryKeyColumn(column.getName(), value));
    return key.build();
  }
}
