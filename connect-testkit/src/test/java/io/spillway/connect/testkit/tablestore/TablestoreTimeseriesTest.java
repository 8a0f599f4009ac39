package io.spillway.connect.testkit.tablestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.TimeseriesTableMeta;
import com.alicloud.openservices.tablestore.model.TimeseriesTableOptions;
import com.alicloud.openservices.tablestore.model.timeseries.CompositeMetaQueryCondition;
import com.alicloud.openservices.tablestore.model.timeseries.CreateTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.DeleteTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.DescribeTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataResponse;
import com.alicloud.openservices.tablestore.model.timeseries.MeasurementMetaQueryCondition;
import com.alicloud.openservices.tablestore.model.timeseries.MetaQueryCompositeOperator;
import com.alicloud.openservices.tablestore.model.timeseries.MetaQuerySingleOperator;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataResponse;
import com.alicloud.openservices.tablestore.model.timeseries.QueryTimeseriesMetaRequest;
import com.alicloud.openservices.tablestore.model.timeseries.QueryTimeseriesMetaResponse;
import com.alicloud.openservices.tablestore.model.timeseries.TagMetaQueryCondition;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesMeta;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import com.alicloud.openservices.tablestore.model.timeseries.UpdateTimeseriesTableRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The time series API through the SDK's TimeseriesClient, points read back field by field. */
class TablestoreTimeseriesTest {
  private static final long T0 = System.currentTimeMillis() * 1000;
  private static TablestoreServer server;
  private static TimeseriesClient client;

  @BeforeAll
  static void start() {
    server = TablestoreServer.start();
    client = server.timeseriesClient();
    client.createTimeseriesTable(
        new CreateTimeseriesTableRequest(
            new TimeseriesTableMeta("metrics", new TimeseriesTableOptions(86400 * 30))));
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    server.close();
  }

  private static TimeseriesKey cpu(String host) {
    return new TimeseriesKey("cpu", host, Map.of("region", "eu", "rack", "r1"));
  }

  private static GetTimeseriesDataRequest range(TimeseriesKey key, long begin, long end) {
    GetTimeseriesDataRequest get = new GetTimeseriesDataRequest("metrics");
    get.setTimeseriesKey(key);
    get.setTimeRange(begin, end);
    return get;
  }

  @Test
  void tablesCreateDescribeListDelete() {
    client.createTimeseriesTable(
        new CreateTimeseriesTableRequest(
            new TimeseriesTableMeta("scratch", new TimeseriesTableOptions(3600))));
    TimeseriesTableMeta meta =
        client
            .describeTimeseriesTable(new DescribeTimeseriesTableRequest("scratch"))
            .getTimeseriesTableMeta();
    assertEquals("scratch", meta.getTimeseriesTableName());
    assertEquals(3600, meta.getTimeseriesTableOptions().getTimeToLive());
    client.updateTimeseriesTable(
        new UpdateTimeseriesTableRequest("scratch", new TimeseriesTableOptions(7200)));
    assertEquals(
        7200,
        client
            .describeTimeseriesTable(new DescribeTimeseriesTableRequest("scratch"))
            .getTimeseriesTableMeta()
            .getTimeseriesTableOptions()
            .getTimeToLive());
    assertTrue(
        client
            .listTimeseriesTable()
            .getTimeseriesTableNames()
            .containsAll(List.of("metrics", "scratch")));
    TableStoreException again =
        assertThrows(
            TableStoreException.class,
            () ->
                client.createTimeseriesTable(
                    new CreateTimeseriesTableRequest(new TimeseriesTableMeta("scratch"))));
    assertEquals("OTSObjectAlreadyExist", again.getErrorCode());
    client.deleteTimeseriesTable(new DeleteTimeseriesTableRequest("scratch"));
    assertFalse(client.listTimeseriesTable().getTimeseriesTableNames().contains("scratch"));
    assertEquals(
        "OTSObjectNotExist",
        assertThrows(
                TableStoreException.class,
                () -> client.describeTimeseriesTable(new DescribeTimeseriesTableRequest("scratch")))
            .getErrorCode());
  }

  @Test
  void pointsAreReadBackBySeriesAndTimeRange() {
    PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("metrics");
    for (int i = 0; i < 10; i++) {
      for (String host : List.of("h1", "h2")) {
        TimeseriesRow row = new TimeseriesRow(cpu(host), T0 + i * 1000);
        row.addField("usage", ColumnValue.fromDouble(i + (host.equals("h1") ? 0.5 : 0.25)));
        row.addField("cores", ColumnValue.fromLong(i));
        row.addField("ok", ColumnValue.fromBoolean(i % 2 == 0));
        row.addField("note", ColumnValue.fromString(host + "-" + i));
        row.addField("raw", ColumnValue.fromBinary(new byte[] {(byte) i, 7}));
        put.addRow(row);
      }
    }
    PutTimeseriesDataResponse response = client.putTimeseriesData(put);
    assertTrue(response.isAllSuccess());

    GetTimeseriesDataResponse got =
        client.getTimeseriesData(range(cpu("h1"), T0 + 2000, T0 + 5000));
    assertEquals(3, got.getRows().size());
    for (int k = 0; k < 3; k++) {
      TimeseriesRow row = got.getRows().get(k);
      int i = k + 2;
      assertEquals(T0 + i * 1000, row.getTimeInUs());
      assertEquals("cpu", row.getTimeseriesKey().getMeasurementName());
      assertEquals("h1", row.getTimeseriesKey().getDataSource());
      assertEquals(Map.of("region", "eu", "rack", "r1"), row.getTimeseriesKey().getTags());
      assertEquals(i + 0.5, row.getFields().get("usage").asDouble());
      assertEquals(i, row.getFields().get("cores").asLong());
      assertEquals(i % 2 == 0, row.getFields().get("ok").asBoolean());
      assertEquals("h1-" + i, row.getFields().get("note").asString());
      assertArrayEquals(new byte[] {(byte) i, 7}, row.getFields().get("raw").asBinary());
      assertEquals(5, row.getFields().size());
    }
    assertNull(got.getNextToken());

    GetTimeseriesDataRequest onlyUsage = range(cpu("h2"), T0, T0 + 100_000);
    onlyUsage.addFieldToGet("usage", ColumnType.DOUBLE);
    onlyUsage.setBackward(true);
    List<TimeseriesRow> backward = client.getTimeseriesData(onlyUsage).getRows();
    assertEquals(10, backward.size());
    assertEquals(T0 + 9000, backward.get(0).getTimeInUs());
    assertEquals(Map.of("usage", ColumnValue.fromDouble(9.25)), backward.get(0).getFields());

    TimeseriesKey otherTags = new TimeseriesKey("cpu", "h1", Map.of("region", "us"));
    assertTrue(client.getTimeseriesData(range(otherTags, T0, T0 + 100_000)).getRows().isEmpty());
  }

  @Test
  void pagesFollowTheNextToken() {
    TimeseriesKey key = new TimeseriesKey("disk", "h9", Map.of());
    PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("metrics");
    for (int i = 0; i < 25; i++) {
      TimeseriesRow row = new TimeseriesRow(key, T0 + i);
      row.addField("free", ColumnValue.fromLong(1000 - i));
      put.addRow(row);
    }
    assertTrue(client.putTimeseriesData(put).isAllSuccess());
    GetTimeseriesDataRequest get = range(key, T0, T0 + 25);
    get.setLimit(10);
    List<Long> times = new ArrayList<>();
    int pages = 0;
    while (true) {
      GetTimeseriesDataResponse page = client.getTimeseriesData(get);
      pages++;
      page.getRows()
          .forEach(
              r -> {
                assertEquals(1000 - (r.getTimeInUs() - T0), r.getFields().get("free").asLong());
                times.add(r.getTimeInUs() - T0);
              });
      if (page.getNextToken() == null) {
        break;
      }
      get.setNextToken(page.getNextToken());
    }
    assertEquals(3, pages);
    assertEquals(25, times.size());
    for (int i = 0; i < 25; i++) {
      assertEquals(i, times.get(i));
    }
  }

  @Test
  void injectedRowFailuresAreReportedPerRow() {
    server
        .faults()
        .failRows(
            key -> key.getPrimaryKeyColumn("_data_source").getValue().asString().equals("bad"),
            "OTSParameterInvalid",
            "Refused by the test.");
    try {
      PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("metrics");
      for (String source : List.of("good", "bad", "good2")) {
        TimeseriesRow row = new TimeseriesRow(new TimeseriesKey("mem", source, Map.of()), T0);
        row.addField("used", ColumnValue.fromLong(1));
        put.addRow(row);
      }
      PutTimeseriesDataResponse response = client.putTimeseriesData(put);
      assertFalse(response.isAllSuccess());
      assertEquals(1, response.getFailedRows().size());
      assertEquals(1, response.getFailedRows().get(0).getIndex());
      assertEquals("OTSParameterInvalid", response.getFailedRows().get(0).getError().getCode());
    } finally {
      server.faults().clear();
    }
    for (String source : List.of("good", "bad", "good2")) {
      int expected = source.equals("bad") ? 0 : 1;
      assertEquals(
          expected,
          client
              .getTimeseriesData(range(new TimeseriesKey("mem", source, Map.of()), T0, T0 + 1))
              .getRows()
              .size());
    }
  }

  @Test
  void metaQueryListsSeriesAndReadAllPointsReadsThemBack() {
    client.createTimeseriesTable(
        new CreateTimeseriesTableRequest(new TimeseriesTableMeta("catalog")));
    PutTimeseriesDataRequest put = new PutTimeseriesDataRequest("catalog");
    for (int s = 0; s < 150; s++) {
      for (int t = 0; t < 2; t++) {
        TimeseriesRow row =
            new TimeseriesRow(
                new TimeseriesKey(
                    s % 2 == 0 ? "temp" : "humidity",
                    "sensor" + s,
                    Map.of("floor", Integer.toString(s % 3))),
                T0 + t);
        row.addField("value", ColumnValue.fromLong(s * 10L + t));
        put.addRow(row);
      }
    }
    assertTrue(client.putTimeseriesData(put).isAllSuccess());

    QueryTimeseriesMetaRequest query = new QueryTimeseriesMetaRequest("catalog");
    CompositeMetaQueryCondition tempOnFloor0 =
        new CompositeMetaQueryCondition(MetaQueryCompositeOperator.OP_AND);
    tempOnFloor0.addSubCondition(
        new MeasurementMetaQueryCondition(MetaQuerySingleOperator.OP_EQUAL, "temp"));
    tempOnFloor0.addSubCondition(
        new TagMetaQueryCondition(MetaQuerySingleOperator.OP_EQUAL, "floor", "0"));
    query.setCondition(tempOnFloor0);
    query.setGetTotalHits(true);
    QueryTimeseriesMetaResponse metas = client.queryTimeseriesMeta(query);
    assertEquals(25, metas.getTotalHits()); // s even and s % 3 == 0: s % 6 == 0, 0..144
    for (TimeseriesMeta meta : metas.getTimeseriesMetas()) {
      assertEquals("temp", meta.getTimeseriesKey().getMeasurementName());
      assertEquals("0", meta.getTimeseriesKey().getTags().get("floor"));
    }

    List<TimeseriesRow> all = TablestoreRows.readAllPoints(client, "catalog");
    assertEquals(300, all.size());
    for (TimeseriesRow row : all) {
      int s = Integer.parseInt(row.getTimeseriesKey().getDataSource().substring("sensor".length()));
      long t = row.getTimeInUs() - T0;
      assertEquals(s % 2 == 0 ? "temp" : "humidity", row.getTimeseriesKey().getMeasurementName());
      assertEquals(Map.of("floor", Integer.toString(s % 3)), row.getTimeseriesKey().getTags());
      assertEquals(s * 10L + t, row.getFields().get("value").asLong());
    }
  }
}
