package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataResponse;
import com.alicloud.openservices.tablestore.model.timeseries.QueryTimeseriesMetaRequest;
import com.alicloud.openservices.tablestore.model.timeseries.QueryTimeseriesMetaResponse;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesMeta;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * Every point of time series table {@code table}: the series QueryTimeseriesMeta lists, each read
   * with GetTimeseriesData over all time, page by page; series by series, in time order.
   */
  public static List<TimeseriesRow> readAllPoints(TimeseriesClient client, String table) {
    List<TimeseriesRow> points = new ArrayList<>();
    QueryTimeseriesMetaRequest query = new QueryTimeseriesMetaRequest(table);
    while (true) {
      QueryTimeseriesMetaResponse metas = client.queryTimeseriesMeta(query);
      for (TimeseriesMeta meta : metas.getTimeseriesMetas()) {
        GetTimeseriesDataRequest get = new GetTimeseriesDataRequest(table);
        get.setTimeseriesKey(meta.getTimeseriesKey());
        get.setTimeRange(0, Long.MAX_VALUE);
        while (true) {
          GetTimeseriesDataResponse page = client.getTimeseriesData(get);
          points.addAll(page.getRows());
          if (page.getNextToken() == null) {
            break;
          }
          get.setNextToken(page.getNextToken());
        }
      }
      if (metas.getNextToken() == null) {
        return points;
      }
      query.setNextToken(metas.getNextToken());
    }
  }

  private static PrimaryKey bound(List<PrimaryKeySchema> schema, PrimaryKeyValue value) {
    PrimaryKeyBuilder key = PrimaryKeyBuilder.createPrimaryKeyBuilder();
    schema.forEach(column -> key.addPrimaryKeyColumn(column.getName(), value));
    return key.build();
  }

  /**
   * Every row of {@code table} as a map: primary key columns first, then attribute columns, each by
   * name; strings as String, integers as Long, doubles as Double, booleans as Boolean, binaries as
   * UTF-8 text.
   */
  public static List<Map<String, Object>> readMaps(SyncClient client, String table) {
    return readAll(client, table).stream().map(TablestoreRows::asMap).toList();
  }

  /** One row as {@link #readMaps} gives it. */
  public static Map<String, Object> asMap(Row row) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (PrimaryKeyColumn column : row.getPrimaryKey().getPrimaryKeyColumns()) {
      PrimaryKeyValue value = column.getValue();
      map.put(
          column.getName(),
          switch (value.getType()) {
            case STRING -> value.asString();
            case INTEGER -> value.asLong();
            case BINARY -> new String(value.asBinary(), StandardCharsets.UTF_8);
          });
    }
    for (Column column : row.getColumns()) {
      Object value = column.getValue().getValue();
      map.put(
          column.getName(),
          value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
    }
    return map;
  }
}
