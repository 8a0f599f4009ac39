package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi.OperationType;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.Row;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.Map;

/** PutRow, UpdateRow, DeleteRow, GetRow; {@link #write} is shared with BatchWriteRow. */
final class RowHandler {
  private final MemoryTables tables;
  private final TablestoreFaults faults;

  RowHandler(MemoryTables tables, TablestoreFaults faults) {
    this.tables = tables;
    this.faults = faults;
  }

  void register(Map<String, OtsAction> actions) {
    actions.put("PutRow", this::putRow);
    actions.put("UpdateRow", this::updateRow);
    actions.put("DeleteRow", this::deleteRow);
    actions.put("GetRow", this::getRow);
  }

  private byte[] putRow(byte[] body) throws IOException {
    var r = OtsInternalApi.PutRowRequest.parseFrom(body);
    ByteString row =
        write(
            OperationType.PUT,
            r.getTableName(),
            r.getRow(),
            r.getCondition(),
            r.getReturnContent());
    return OtsInternalApi.PutRowResponse.newBuilder()
        .setConsumed(consumed(0, 1))
        .setRow(row)
        .build()
        .toByteArray();
  }

  private byte[] updateRow(byte[] body) throws IOException {
    var r = OtsInternalApi.UpdateRowRequest.parseFrom(body);
    ByteString row =
        write(
            OperationType.UPDATE,
            r.getTableName(),
            r.getRowChange(),
            r.getCondition(),
            r.getReturnContent());
    return OtsInternalApi.UpdateRowResponse.newBuilder()
        .setConsumed(consumed(0, 1))
        .setRow(row)
        .build()
        .toByteArray();
  }

  private byte[] deleteRow(byte[] body) throws IOException {
    var r = OtsInternalApi.DeleteRowRequest.parseFrom(body);
    ByteString row =
        write(
            OperationType.DELETE,
            r.getTableName(),
            r.getPrimaryKey(),
            r.getCondition(),
            r.getReturnContent());
    return OtsInternalApi.DeleteRowResponse.newBuilder()
        .setConsumed(consumed(0, 1))
        .setRow(row)
        .build()
        .toByteArray();
  }

  private byte[] getRow(byte[] body) throws IOException {
    var r = OtsInternalApi.GetRowRequest.parseFrom(body);
    unsupportedFilter(r.hasFilter());
    ReadSpec spec =
        ReadSpec.of(
            r.getColumnsToGetList(),
            r.hasMaxVersions(),
            r.getMaxVersions(),
            r.hasTimeRange() ? r.getTimeRange() : null);
    Row row =
        tables
            .get(r.getTableName())
            .read(RowCodec.key(r.getPrimaryKey()), spec, System.currentTimeMillis());
    return OtsInternalApi.GetRowResponse.newBuilder()
        .setConsumed(consumed(1, 0))
        .setRow(RowCodec.encode(row))
        .build()
        .toByteArray();
  }

  /** One row change with its condition; returns the row the return content asks for. */
  ByteString write(
      OperationType type,
      String tableName,
      ByteString change,
      OtsInternalApi.Condition condition,
      OtsInternalApi.ReturnContent returnContent) {
    MemoryTable table = tables.get(tableName);
    RowCodec.Change c = RowCodec.change(change);
    if (condition.hasColumnCondition() && !condition.getColumnCondition().isEmpty()) {
      throw new OtsException("OTSUnsupportOperation", "TablestoreServer: no column conditions.");
    }
    OtsException injected = faults.rowFailure(c.key());
    if (injected != null) {
      throw injected;
    }
    long now = System.currentTimeMillis();
    PrimaryKey key = table.write(type, c.key(), c.cells(), condition.getRowExistence(), now);
    return switch (returnContent.getReturnType()) {
      case RT_PK ->
          RowCodec.encode(new Row(key, new com.alicloud.openservices.tablestore.model.Column[0]));
      case RT_AFTER_MODIFY ->
          RowCodec.encode(
              table.read(
                  key, ReadSpec.of(returnContent.getReturnColumnNamesList(), true, 1, null), now));
      default -> ByteString.EMPTY;
    };
  }

  static void unsupportedFilter(boolean hasFilter) {
    if (hasFilter) {
      throw new OtsException("OTSUnsupportOperation", "TablestoreServer: no filters.");
    }
  }

  static OtsInternalApi.ConsumedCapacity consumed(int read, int write) {
    return OtsInternalApi.ConsumedCapacity.newBuilder()
        .setCapacityUnit(OtsInternalApi.CapacityUnit.newBuilder().setRead(read).setWrite(write))
        .build();
  }
}
