package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.PutRowResponse;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.RetryPolicy;
import io.spillway.connect.tablestore.client.TableAdmin;
import io.spillway.connect.tablestore.client.TablestoreErrors;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * runtime.error.mode=tablestore: one row per record in runtime.error.table.name, keyed as the
 * aliyun connector keys it (topic_partition "&lt;topic&gt;_&lt;partition&gt;" STRING, offset
 * INTEGER, the position the record was consumed from) with columns key and value (BINARY, as {@link
 * ErrorReportFormat} rebuilds them) and error_info (STRING). Each row is a PutRow of its own on the
 * task's client; the report completes when Tablestore acknowledged it. The table is checked
 * (created when missing and auto.create=true) before the first row.
 */
public final class TablestoreErrorSink implements ErrorSink {
  public static final String TOPIC_PARTITION = "topic_partition";
  public static final String OFFSET = "offset";
  public static final String KEY = "key";
  public static final String VALUE = "value";
  public static final String ERROR_INFO = "error_info";

  /** Tablestore's largest column value; longer keys and values continue in key_2, value_2... */
  static final int MAX_COLUMN_BYTES = 2 * 1024 * 1024;

  public static final List<PrimaryKeySchema> KEY_SCHEMA =
      List.of(
          new PrimaryKeySchema(TOPIC_PARTITION, PrimaryKeyType.STRING),
          new PrimaryKeySchema(OFFSET, PrimaryKeyType.INTEGER));

  private final AsyncClient client;
  private final TableAdmin admin;
  private final String table;
  private final ErrorReportFormat format = new ErrorReportFormat();
  private final ReportRetries retries;
  private volatile boolean prepared;

  public TablestoreErrorSink(
      AsyncClient client, String table, boolean autoCreate, RetryPolicy policy) {
    this.client = client;
    this.admin = new TableAdmin(client, autoCreate);
    this.table = table;
    this.retries =
        new ReportRetries(
            policy,
            error -> error instanceof RetriableException || TablestoreErrors.isRetriable(error),
            describe(),
            "tablestore-sink-error-table");
  }

  @Override
  public CompletableFuture<Void> report(SinkRecord record, Throwable error) {
    RowPutChange row = toRow(record, error);
    return retries.run(ErrantRecords.position(record).describe(), () -> put(row));
  }

  RowPutChange toRow(SinkRecord record, Throwable error) {
    RecordPosition position = ErrantRecords.position(record);
    PrimaryKey key =
        PrimaryKeyBuilder.createPrimaryKeyBuilder()
            .addPrimaryKeyColumn(
                TOPIC_PARTITION,
                PrimaryKeyValue.fromString(position.topic() + "_" + position.partition()))
            .addPrimaryKeyColumn(OFFSET, PrimaryKeyValue.fromLong(position.offset()))
            .build();
    RowPutChange row = new RowPutChange(table, key);
    addChunked(row, KEY, format.key(record));
    addChunked(row, VALUE, format.value(record));
    row.addColumn(ERROR_INFO, ColumnValue.fromString(ErrorReportFormat.errorInfo(record, error)));
    return row;
  }

  /** The bytes in column {@code name}, continued in name_2, name_3... past the column limit. */
  private static void addChunked(RowPutChange row, String name, byte[] bytes) {
    if (bytes == null) {
      return;
    }
    for (int from = 0, part = 1; from == 0 || from < bytes.length; from += MAX_COLUMN_BYTES) {
      int to = Math.min(bytes.length, from + MAX_COLUMN_BYTES);
      row.addColumn(
          part == 1 ? name : name + "_" + part,
          ColumnValue.fromBinary(Arrays.copyOfRange(bytes, from, to)));
      part++;
    }
  }

  private CompletableFuture<Void> put(RowPutChange row) {
    if (!prepared) {
      admin.prepare(table, KEY_SCHEMA); // on the report thread: it waits for Tablestore
      prepared = true;
    }
    CompletableFuture<Void> written = new CompletableFuture<>();
    client.putRow(
        new PutRowRequest(row),
        new TableStoreCallback<PutRowRequest, PutRowResponse>() {
          @Override
          public void onCompleted(PutRowRequest request, PutRowResponse response) {
            written.complete(null);
          }

          @Override
          public void onFailed(PutRowRequest request, Exception e) {
            written.completeExceptionally(e);
          }
        });
    return written;
  }

  @Override
  public String describe() {
    return "error table '" + table + "'";
  }

  @Override
  public void close() {
    try {
      retries.close();
    } finally {
      format.close();
    }
  }
}
