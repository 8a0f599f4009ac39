package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.spillway.connect.testkit.tablestore.TimeseriesStore.Point;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The time series API TimeseriesClient uses: Create/Describe/List/Delete/UpdateTimeseriesTable,
 * PutTimeseriesData (per-row failures), GetTimeseriesData (one series, a time range, paged) and
 * QueryTimeseriesMeta (which series there are).
 */
final class TimeseriesHandler {
  static final int MAX_POINTS_PER_GET = 5000;

  private final TimeseriesStore store = new TimeseriesStore();
  private final TablestoreFaults faults;

  TimeseriesHandler(TablestoreFaults faults) {
    this.faults = faults;
  }

  void register(Map<String, OtsAction> actions) {
    actions.put("CreateTimeseriesTable", this::create);
    actions.put("DescribeTimeseriesTable", this::describe);
    actions.put("ListTimeseriesTable", body -> list());
    actions.put("DeleteTimeseriesTable", this::delete);
    actions.put("UpdateTimeseriesTable", this::update);
    actions.put("PutTimeseriesData", this::put);
    actions.put("GetTimeseriesData", this::get);
    actions.put(
        "QueryTimeseriesMeta",
        body -> {
          var request = Timeseries.QueryTimeseriesMetaRequest.parseFrom(body);
          return TimeseriesMetaQuery.run(store.get(request.getTableName()), request).toByteArray();
        });
  }

  private byte[] create(byte[] body) throws IOException {
    store.create(Timeseries.CreateTimeseriesTableRequest.parseFrom(body).getTableMeta());
    return Timeseries.CreateTimeseriesTableResponse.getDefaultInstance().toByteArray();
  }

  private byte[] describe(byte[] body) throws IOException {
    String name = Timeseries.DescribeTimeseriesTableRequest.parseFrom(body).getTableName();
    return Timeseries.DescribeTimeseriesTableResponse.newBuilder()
        .setTableMeta(store.get(name).meta)
        .build()
        .toByteArray();
  }

  private byte[] list() {
    return Timeseries.ListTimeseriesTableResponse.newBuilder()
        .addAllTableMetas(store.metas())
        .build()
        .toByteArray();
  }

  private byte[] delete(byte[] body) throws IOException {
    store.delete(Timeseries.DeleteTimeseriesTableRequest.parseFrom(body).getTableName());
    return Timeseries.DeleteTimeseriesTableResponse.getDefaultInstance().toByteArray();
  }

  private byte[] update(byte[] body) throws IOException {
    var request = Timeseries.UpdateTimeseriesTableRequest.parseFrom(body);
    TimeseriesStore.Table table = store.get(request.getTableName());
    var meta = table.meta.toBuilder();
    if (request.hasTableOptions()) {
      meta.setTableOptions(request.getTableOptions());
    }
    if (request.hasMetaOptions()) {
      meta.setMetaOptions(request.getMetaOptions());
    }
    table.meta = meta.build();
    return Timeseries.UpdateTimeseriesTableResponse.getDefaultInstance().toByteArray();
  }

  private byte[] put(byte[] body) throws IOException {
    var request = Timeseries.PutTimeseriesDataRequest.parseFrom(body);
    TimeseriesStore.Table table = store.get(request.getTableName());
    List<Point> points = TimeseriesCodec.decode(request.getRowsData());
    var reply = Timeseries.PutTimeseriesDataResponse.newBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      OtsException failure = check(p);
      if (failure == null) {
        failure = faults.rowFailure(TimeseriesCodec.primaryKey(p));
      }
      if (failure != null) {
        reply.addFailedRows(
            Timeseries.FailedRowInfo.newBuilder()
                .setRowIndex(i)
                .setErrorCode(failure.code())
                .setErrorMessage(failure.getMessage()));
      } else {
        table.put(p);
      }
    }
    return reply.build().toByteArray();
  }

  private static OtsException check(Point p) {
    if (p.key().measurement() == null || p.key().measurement().isEmpty()) {
      return OtsException.invalid("The measurement name is empty.");
    }
    if (p.timeUs() < 0) {
      return OtsException.invalid("The time is negative: " + p.timeUs() + ".");
    }
    if (p.fields().isEmpty()) {
      return OtsException.invalid("The row has no fields.");
    }
    return null;
  }

  private byte[] get(byte[] body) throws IOException {
    var request = Timeseries.GetTimeseriesDataRequest.parseFrom(body);
    TimeseriesStore.Table table = store.get(request.getTableName());
    long begin = request.hasSpecificTime() ? request.getSpecificTime() : request.getBeginTime();
    long end = request.hasSpecificTime() ? begin + 1 : request.getEndTime();
    if (request.hasToken() && !request.getToken().isEmpty()) {
      long next = ByteBuffer.wrap(request.getToken().toByteArray()).getLong();
      if (request.getBackward()) {
        end = next + 1;
      } else {
        begin = next;
      }
    }
    int limit =
        Math.min(
            request.hasLimit() && request.getLimit() > 0 ? request.getLimit() : MAX_POINTS_PER_GET,
            MAX_POINTS_PER_GET);
    List<Point> points =
        table.read(
            TimeseriesCodec.key(request.getTimeSeriesKey()),
            begin,
            end,
            request.getBackward(),
            limit,
            System.currentTimeMillis() * 1000);
    var reply = Timeseries.GetTimeseriesDataResponse.newBuilder();
    if (points.size() > limit) {
      long next = points.get(limit).timeUs();
      points = points.subList(0, limit);
      reply.setNextToken(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(next).array()));
    }
    List<Timeseries.TimeseriesFieldsToGet> wanted = request.getFieldsToGetList();
    if (!wanted.isEmpty()) {
      points = points.stream().map(p -> onlyFields(p, wanted)).toList();
    }
    return reply.setRowsData(TimeseriesCodec.encode(points)).build().toByteArray();
  }

  private static Point onlyFields(Point p, List<Timeseries.TimeseriesFieldsToGet> wanted) {
    SortedMap<String, ColumnValue> fields = new TreeMap<>();
    p.fields()
        .forEach(
            (name, value) -> {
              if (wanted.stream()
                  .anyMatch(
                      w ->
                          w.getName().equals(name)
                              && (!w.hasType() || w.getType() == dataType(value)))) {
                fields.put(name, value);
              }
            });
    return new Point(p.key(), p.timeUs(), fields);
  }

  private static int dataType(ColumnValue value) {
    return switch (value.getType()) {
      case INTEGER -> 1;
      case BOOLEAN -> 2;
      case DOUBLE -> 3;
      case STRING -> 4;
      case BINARY -> 5;
      default -> 0;
    };
  }
}
