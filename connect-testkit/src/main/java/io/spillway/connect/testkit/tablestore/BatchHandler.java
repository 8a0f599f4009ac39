package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.alicloud.openservices.tablestore.model.Row;
import java.io.IOException;
import java.util.Map;

/**
 * BatchWriteRow and BatchGetRow: one result per row, in request order; a failed row fails alone.
 */
final class BatchHandler {
  static final int MAX_WRITE_ROWS = 200;
  static final int MAX_GET_ROWS = 100;

  private final MemoryTables tables;
  private final RowHandler rows;

  BatchHandler(MemoryTables tables, RowHandler rows) {
    this.tables = tables;
    this.rows = rows;
  }

  void register(Map<String, OtsAction> actions) {
    actions.put("BatchWriteRow", this::batchWrite);
    actions.put("BatchGetRow", this::batchGet);
  }

  private byte[] batchWrite(byte[] body) throws IOException {
    var request = OtsInternalApi.BatchWriteRowRequest.parseFrom(body);
    int count = request.getTablesList().stream().mapToInt(t -> t.getRowsCount()).sum();
    if (count > MAX_WRITE_ROWS) {
      throw OtsException.invalid(
          "Rows count exceeds the upper limit: " + MAX_WRITE_ROWS + ". Actual: " + count + ".");
    }
    var reply = OtsInternalApi.BatchWriteRowResponse.newBuilder();
    for (var table : request.getTablesList()) {
      var tableReply =
          OtsInternalApi.TableInBatchWriteRowResponse.newBuilder()
              .setTableName(table.getTableName());
      for (var row : table.getRowsList()) {
        var result = OtsInternalApi.RowInBatchWriteRowResponse.newBuilder();
        try {
          result
              .setRow(
                  rows.write(
                      row.getType(),
                      table.getTableName(),
                      row.getRowChange(),
                      row.getCondition(),
                      row.getReturnContent()))
              .setIsOk(true)
              .setConsumed(RowHandler.consumed(0, 1));
        } catch (OtsException e) {
          result.setIsOk(false).setError(error(e));
        }
        tableReply.addRows(result);
      }
      reply.addTables(tableReply);
    }
    return reply.build().toByteArray();
  }

  private byte[] batchGet(byte[] body) throws IOException {
    var request = OtsInternalApi.BatchGetRowRequest.parseFrom(body);
    int count = request.getTablesList().stream().mapToInt(t -> t.getPrimaryKeyCount()).sum();
    if (count > MAX_GET_ROWS) {
      throw OtsException.invalid(
          "Rows count exceeds the upper limit: " + MAX_GET_ROWS + ". Actual: " + count + ".");
    }
    long now = System.currentTimeMillis();
    var reply = OtsInternalApi.BatchGetRowResponse.newBuilder();
    for (var table : request.getTablesList()) {
      RowHandler.unsupportedFilter(table.hasFilter());
      var tableReply =
          OtsInternalApi.TableInBatchGetRowResponse.newBuilder().setTableName(table.getTableName());
      for (var key : table.getPrimaryKeyList()) {
        var result = OtsInternalApi.RowInBatchGetRowResponse.newBuilder();
        try {
          ReadSpec spec =
              ReadSpec.of(
                  table.getColumnsToGetList(),
                  table.hasMaxVersions(),
                  table.getMaxVersions(),
                  table.hasTimeRange() ? table.getTimeRange() : null);
          Row row = tables.get(table.getTableName()).read(RowCodec.key(key), spec, now);
          result.setIsOk(true).setConsumed(RowHandler.consumed(1, 0)).setRow(RowCodec.encode(row));
        } catch (OtsException e) {
          result.setIsOk(false).setError(error(e));
        }
        tableReply.addRows(result);
      }
      reply.addTables(tableReply);
    }
    return reply.build().toByteArray();
  }

  private static OtsInternalApi.Error error(OtsException e) {
    return OtsInternalApi.Error.newBuilder().setCode(e.code()).setMessage(e.getMessage()).build();
  }
}
