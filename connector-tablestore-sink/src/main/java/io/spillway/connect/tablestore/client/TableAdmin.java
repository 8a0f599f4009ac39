package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.CapacityUnit;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.ReservedThroughput;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a table exists with the primary key the sink writes: describes it, creates it when
 * missing and auto.create is on (single version, no TTL, as the aliyun connector does), and fails
 * the task when its primary key differs from the configured one.
 */
public final class TableAdmin {
  private static final Logger log = LoggerFactory.getLogger(TableAdmin.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final AsyncClient client;
  private final boolean autoCreate;

  public TableAdmin(AsyncClient client, boolean autoCreate) {
    this.client = client;
    this.autoCreate = autoCreate;
  }

  /**
   * Prepares {@code table} for rows keyed by {@code key}.
   *
   * @throws RetriableException when Tablestore cannot be reached or is busy
   * @throws ConnectException when the table is missing (auto.create off) or keyed differently
   */
  public void prepare(String table, List<PrimaryKeySchema> key) {
    TableMeta meta = describe(table);
    if (meta == null) {
      if (!autoCreate) {
        throw new ConnectException(
            "Table '"
                + table
                + "' does not exist and auto.create is false: create it or set"
                + " auto.create=true");
      }
      create(table, key);
      meta = describe(table);
      if (meta == null) {
        throw new RetriableException("Table '" + table + "' is not visible yet after creation");
      }
    }
    check(meta, key);
  }

  private TableMeta describe(String table) {
    DescribeTableRequest request = new DescribeTableRequest(table);
    try {
      return await(client.describeTable(request, null), "describe table " + table).getTableMeta();
    } catch (TableStoreException e) {
      if ("OTSObjectNotExist".equals(e.getErrorCode())) {
        return null;
      }
      throw failure("describe table " + table, e);
    }
  }

  private void create(String table, List<PrimaryKeySchema> key) {
    TableMeta meta = new TableMeta(table);
    meta.addPrimaryKeyColumns(key);
    CreateTableRequest request =
        new CreateTableRequest(
            meta, new TableOptions(-1, 1), new ReservedThroughput(new CapacityUnit(0, 0)));
    try {
      await(client.createTable(request, null), "create table " + table);
      log.info("Created table '{}' with primary key {}", table, key);
    } catch (TableStoreException e) {
      if (!"OTSObjectAlreadyExist".equals(e.getErrorCode())) {
        throw failure("create table " + table, e);
      }
      // Another task created it first.
    }
  }

  private static void check(TableMeta meta, List<PrimaryKeySchema> expected) {
    List<PrimaryKeySchema> actual = meta.getPrimaryKeyList();
    boolean same = actual.size() == expected.size();
    for (int i = 0; same && i < actual.size(); i++) {
      same =
          actual.get(i).getName().equals(expected.get(i).getName())
              && actual.get(i).getType() == expected.get(i).getType();
    }
    if (!same) {
      throw new ConnectException(
          "Table '"
              + meta.getTableName()
              + "' has primary key "
              + actual
              + " but the sink writes "
              + expected
              + " (primarykey.mode and tablestore.<table>.primarykey.*)");
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TableStoreException server) {
        throw server;
      }
      throw new RetriableException("Could not " + what + ": " + e.getCause(), e.getCause());
    } catch (ClientException e) {
      throw new RetriableException("Could not " + what + ": " + e.getMessage(), e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RetriableException("Timed out trying to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted trying to " + what, e);
    }
  }

  private static RuntimeException failure(String what, TableStoreException e) {
    if (TablestoreErrors.isRetriable(e)) {
      return new RetriableException("Could not " + what + ": " + e.getMessage(), e);
    }
    return new ConnectException("Could not " + what + ": " + e.getMessage(), e);
  }
}
