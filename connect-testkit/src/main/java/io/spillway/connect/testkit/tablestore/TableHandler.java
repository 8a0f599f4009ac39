package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import java.util.Map;

/** CreateTable, DescribeTable, ListTable, DeleteTable. */
final class TableHandler {
  private final MemoryTables tables;

  TableHandler(MemoryTables tables) {
    this.tables = tables;
  }

  void register(Map<String, OtsAction> actions) {
    actions.put("CreateTable", this::create);
    actions.put("DescribeTable", this::describe);
    actions.put("ListTable", body -> list());
    actions.put("DeleteTable", this::delete);
  }

  private byte[] create(byte[] body) throws java.io.IOException {
    tables.create(new TableSchema(OtsInternalApi.CreateTableRequest.parseFrom(body)));
    return OtsInternalApi.CreateTableResponse.getDefaultInstance().toByteArray();
  }

  private byte[] describe(byte[] body) throws java.io.IOException {
    String name = OtsInternalApi.DescribeTableRequest.parseFrom(body).getTableName();
    TableSchema schema = tables.get(name).schema;
    OtsInternalApi.CapacityUnit reserved = schema.reservedThroughput.getCapacityUnit();
    return OtsInternalApi.DescribeTableResponse.newBuilder()
        .setTableMeta(schema.meta)
        .setTableOptions(schema.options)
        .setReservedThroughputDetails(
            OtsInternalApi.ReservedThroughputDetails.newBuilder()
                .setCapacityUnit(
                    OtsInternalApi.CapacityUnit.newBuilder()
                        .setRead(reserved.hasRead() ? reserved.getRead() : 0)
                        .setWrite(reserved.hasWrite() ? reserved.getWrite() : 0))
                .setLastIncreaseTime(schema.creationTimeMicros / 1_000_000))
        .setCreationTime(schema.creationTimeMicros)
        .build()
        .toByteArray();
  }

  private byte[] list() {
    return OtsInternalApi.ListTableResponse.newBuilder()
        .addAllTableNames(tables.names())
        .build()
        .toByteArray();
  }

  private byte[] delete(byte[] body) throws java.io.IOException {
    tables.delete(OtsInternalApi.DeleteTableRequest.parseFrom(body).getTableName());
    return OtsInternalApi.DeleteTableResponse.getDefaultInstance().toByteArray();
  }
}
