package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries.MetaQueryCondition;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries.MetaQuerySingleOperator;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.TimeseriesResponseFactory;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.spillway.connect.testkit.tablestore.TimeseriesStore.SeriesKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * QueryTimeseriesMeta: the series of a table matching a condition (measurement, data source, tag,
 * update time; AND / OR / NOT of those), paged by an offset token. Series carry no attributes here,
 * so attribute conditions match nothing.
 */
final class TimeseriesMetaQuery {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private TimeseriesMetaQuery() {}

  static Timeseries.QueryTimeseriesMetaResponse run(
      TimeseriesStore.Table table, Timeseries.QueryTimeseriesMetaRequest request)
      throws InvalidProtocolBufferException {
    List<Timeseries.TimeseriesMeta> matches = new ArrayList<>();
    for (Map.Entry<SeriesKey, Long> e : table.series().entrySet()) {
      if (!request.hasCondition() || matches(request.getCondition(), e.getKey(), e.getValue())) {
        matches.add(meta(e.getKey(), e.getValue()));
      }
    }
    int from =
        request.hasToken() && !request.getToken().isEmpty()
            ? ByteBuffer.wrap(request.getToken().toByteArray()).getInt()
            : 0;
    int limit =
        Math.min(
            request.hasLimit() && request.getLimit() > 0 ? request.getLimit() : DEFAULT_LIMIT,
            MAX_LIMIT);
    int to = Math.min(matches.size(), from + limit);
    var reply =
        Timeseries.QueryTimeseriesMetaResponse.newBuilder()
            .addAllTimeseriesMetas(matches.subList(Math.min(from, to), to));
    if (request.getGetTotalHit()) {
      reply.setTotalHit(matches.size());
    }
    if (to < matches.size()) {
      reply.setNextToken(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(to).array()));
    }
    return reply.build();
  }

  private static Timeseries.TimeseriesMeta meta(SeriesKey key, long updateTimeUs) {
    var pbKey =
        Timeseries.TimeseriesKey.newBuilder()
            .setMeasurement(key.measurement())
            .setSource(key.source());
    TimeseriesResponseFactory.parseTagsOrAttrs(key.tags())
        .forEach(
            (name, value) ->
                pbKey.addTagList(
                    Timeseries.TimeseriesTag.newBuilder().setName(name).setValue(value)));
    return Timeseries.TimeseriesMeta.newBuilder()
        .setTimeSeriesKey(pbKey)
        .setUpdateTime(updateTimeUs)
        .build();
  }

  private static boolean matches(MetaQueryCondition c, SeriesKey key, long updateTimeUs)
      throws InvalidProtocolBufferException {
    ByteString data = c.getProtoData();
    switch (c.getType()) {
      case COMPOSITE_CONDITION -> {
        var composite = Timeseries.MetaQueryCompositeCondition.parseFrom(data);
        List<Boolean> subs = new ArrayList<>();
        for (MetaQueryCondition sub : composite.getSubConditionsList()) {
          subs.add(matches(sub, key, updateTimeUs));
        }
        return switch (composite.getOp()) {
          case OP_AND -> !subs.contains(false);
          case OP_OR -> subs.contains(true);
          case OP_NOT -> subs.size() == 1 && !subs.get(0);
        };
      }
      case MEASUREMENT_CONDITION -> {
        var m = Timeseries.MetaQueryMeasurementCondition.parseFrom(data);
        return compare(m.getOp(), key.measurement(), m.getValue());
      }
      case SOURCE_CONDITION -> {
        var s = Timeseries.MetaQuerySourceCondition.parseFrom(data);
        return compare(s.getOp(), key.source(), s.getValue());
      }
      case TAG_CONDITION -> {
        var t = Timeseries.MetaQueryTagCondition.parseFrom(data);
        String value = TimeseriesResponseFactory.parseTagsOrAttrs(key.tags()).get(t.getTagName());
        return value != null && compare(t.getOp(), value, t.getValue());
      }
      case UPDATE_TIME_CONDITION -> {
        var u = Timeseries.MetaQueryUpdateTimeCondition.parseFrom(data);
        return compare(u.getOp(), Long.compare(updateTimeUs, u.getValue()), false);
      }
      case ATTRIBUTE_CONDITION -> {
        return false;
      }
    }
    throw OtsException.invalid("Unknown meta query condition " + c.getType() + ".");
  }

  private static boolean compare(MetaQuerySingleOperator op, String actual, String expected) {
    if (op == MetaQuerySingleOperator.OP_PREFIX) {
      return actual.startsWith(expected);
    }
    return compare(op, actual.compareTo(expected), true);
  }

  private static boolean compare(MetaQuerySingleOperator op, int order, boolean prefixAllowed) {
    return switch (op) {
      case OP_EQUAL -> order == 0;
      case OP_GREATER_THAN -> order > 0;
      case OP_GREATER_EQUAL -> order >= 0;
      case OP_LESS_THAN -> order < 0;
      case OP_LESS_EQUAL -> order <= 0;
      case OP_PREFIX -> {
        if (!prefixAllowed) {
          throw OtsException.invalid("OP_PREFIX applies to strings only.");
        }
        yield false;
      }
    };
  }
}
