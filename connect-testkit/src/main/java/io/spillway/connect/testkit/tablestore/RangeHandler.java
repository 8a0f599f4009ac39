package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import java.io.IOException;
import java.util.Map;

/**
 * GetRange: forward or backward, at most {@code limit} (and 5000) rows, then the next start key.
 */
final class RangeHandler {
  private final MemoryTables tables;

  RangeHandler(MemoryTables tables) {
    this.tables = tables;
  }

  void register(Map<String, OtsAction> actions) {
    actions.put("GetRange", this::getRange);
  }

  private byte[] getRange(byte[] body) throws IOException {
    var r = OtsInternalApi.GetRangeRequest.parseFrom(body);
    RowHandler.unsupportedFilter(r.hasFilter());
    ReadSpec spec =
        ReadSpec.of(
            r.getColumnsToGetList(),
            r.hasMaxVersions(),
            r.getMaxVersions(),
            r.hasTimeRange() ? r.getTimeRange() : null);
    if (r.hasLimit() && r.getLimit() <= 0) {
      throw OtsException.invalid("The limit must be positive: " + r.getLimit() + ".");
    }
    MemoryTable.Range range =
        tables
            .get(r.getTableName())
            .range(
                RowCodec.key(r.getInclusiveStartPrimaryKey()),
                RowCodec.key(r.getExclusiveEndPrimaryKey()),
                r.getDirection() == OtsInternalApi.Direction.FORWARD,
                r.hasLimit() ? r.getLimit() : 0,
                spec,
                System.currentTimeMillis());
    var reply =
        OtsInternalApi.GetRangeResponse.newBuilder()
            .setConsumed(RowHandler.consumed(Math.max(1, range.rows().size()), 0))
            .setRows(RowCodec.encode(range.rows()));
    if (range.next() != null) {
      reply.setNextStartPrimaryKey(RowCodec.encodeKey(range.next()));
    }
    return reply.build().toByteArray();
  }
}
