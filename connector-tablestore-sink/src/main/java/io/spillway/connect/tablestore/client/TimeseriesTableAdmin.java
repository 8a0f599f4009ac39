package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.AsyncTimeseriesClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.TimeseriesTableMeta;
import com.alicloud.openservices.tablestore.model.TimeseriesTableOptions;
import com.alicloud.openservices.tablestore.model.timeseries.CreateTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.DescribeTimeseriesTableRequest;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a time series table exists: describes it and creates it when missing and auto.create
 * is on (no TTL, as the aliyun connector does).
 */
public final class TimeseriesTableAdmin {
  private static final Logger log = LoggerFactory.getLogger(TimeseriesTableAdmin.class);

  private final AsyncTimeseriesClient client;
  private final boolean autoCreate;

  public TimeseriesTableAdmin(AsyncTimeseriesClient client, boolean autoCreate) {
    this.client = client;
    this.autoCreate = autoCreate;
  }

  /**
   * @throws RetriableException when Tablestore cannot be reached or is busy
   * @throws ConnectException when the table is missing and auto.create is off
   */
  public void prepare(String table) {
    if (exists(table)) {
      return;
    }
    if (!autoCreate) {
      throw new ConnectException(
          "Time series table '"
              + table
              + "' does not exist and auto.create is false: create it or set auto.create=true");
    }
    create(table);
    if (!exists(table)) {
      throw new RetriableException("Time series table '" + table + "' is not visible yet");
    }
  }

  private boolean exists(String table) {
    try {
      TableAdmin.await(
          client.describeTimeseriesTable(new DescribeTimeseriesTableRequest(table), null),
          "describe time series table " + table);
      return true;
    } catch (TableStoreException e) {
      if ("OTSObjectNotExist".equals(e.getErrorCode())) {
        return false;
      }
      throw TableAdmin.failure("describe time series table " + table, e);
    }
  }

  private void create(String table) {
    TimeseriesTableMeta meta = new TimeseriesTableMeta(table, new TimeseriesTableOptions(-1));
    try {
      TableAdmin.await(
          client.createTimeseriesTable(new CreateTimeseriesTableRequest(meta), null),
          "create time series table " + table);
      log.info("Created time series table '{}'", table);
    } catch (TableStoreException e) {
      if (!"OTSObjectAlreadyExist".equals(e.getErrorCode())) {
        throw TableAdmin.failure("create time series table " + table, e);
      }
      // Another task created it first.
    }
  }
}
