package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.core.ResourceManager;
import com.alicloud.openservices.tablestore.model.NoRetryStrategy;
import io.spillway.connect.tablestore.client.ConnectionConfig.Connection;

/**
 * A task's own {@link AsyncClient}, signed per tablestore.auth.mode. The SDK does not retry: the
 * task retries with the sink's backoff and knows which rows are outstanding.
 */
public final class TablestoreClient implements AutoCloseable {
  private final AsyncClient async;
  private final StsCredentials sts;

  private TablestoreClient(AsyncClient async, StsCredentials sts) {
    this.async = async;
    this.sts = sts;
  }

  public static TablestoreClient open(Connection connection, WriterSettings settings) {
    ClientConfiguration cc = new ClientConfiguration();
    cc.setRetryStrategy(new NoRetryStrategy());
    cc.setMaxConnections(Math.max(settings.concurrency() * 2, 16));
    cc.setConnectionTimeoutInMillisecond(10_000);
    cc.setSocketTimeoutInMillisecond(60_000);
    if (connection.authMode() == AuthMode.AKSK) {
      return new TablestoreClient(
          new AsyncClient(
              connection.endpoint(),
              connection.accessKeyId(),
              connection.accessKeySecret().value(),
              connection.instanceName(),
              cc),
          null);
    }
    StsCredentials sts = StsCredentials.fromEnvironment(connection);
    try {
      return new TablestoreClient(
          new AsyncClient(
              connection.endpoint(),
              sts.provider(),
              connection.instanceName(),
              cc,
              new ResourceManager(cc, null)),
          sts);
    } catch (RuntimeException e) {
      sts.close();
      throw e;
    }
  }

  public AsyncClient async() {
    return async;
  }

  @Override
  public void close() {
    try {
      async.shutdown();
    } finally {
      if (sts != null) {
        sts.close();
      }
    }
  }
}
