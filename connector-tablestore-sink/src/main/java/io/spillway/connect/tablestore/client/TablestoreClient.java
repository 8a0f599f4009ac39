package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.core.ResourceManager;
import com.alicloud.openservices.tablestore.model.NoRetryStrategy;
import io.spillway.connect.tablestore.client.ConnectionConfig.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task's own {@link AsyncClient}, signed per tablestore.auth.mode. The SDK does not retry: the
 * task retries with the sink's backoff and knows which rows are outstanding.
 */
public final class TablestoreClient implements AutoCloseable {
  private final AsyncClient async;
  private final StsCredentials sts;
  private final ExecutorService callbacks;

  private TablestoreClient(AsyncClient async, StsCredentials sts, ExecutorService callbacks) {
    this.async = async;
    this.sts = sts;
    this.callbacks = callbacks;
  }

  /**
   * The client's callback threads. The SDK writer, when a batch fails, writes its rows again one by
   * one with blocking calls on these threads, each waiting for a reply that needs a callback thread
   * too: a fixed pool (the SDK's default is one thread per processor) deadlocks once every thread
   * waits. A pool that grows on demand cannot.
   */
  private static ExecutorService callbackPool() {
    AtomicInteger counter = new AtomicInteger();
    return Executors.newCachedThreadPool(
        r -> {
          Thread thread = new Thread(r, "tablestore-client-callback-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  public static TablestoreClient open(Connection connection, WriterSettings settings) {
    ClientConfiguration cc = new ClientConfiguration();
    cc.setRetryStrategy(new NoRetryStrategy());
    cc.setMaxConnections(Math.max(settings.concurrency() * 2, 16));
    cc.setConnectionTimeoutInMillisecond(10_000);
    cc.setSocketTimeoutInMillisecond(60_000);
    ExecutorService callbacks = callbackPool();
    if (connection.authMode() == AuthMode.AKSK) {
      return new TablestoreClient(
          new AsyncClient(
              connection.endpoint(),
              connection.accessKeyId(),
              connection.accessKeySecret().value(),
              connection.instanceName(),
              cc,
              callbacks),
          null,
          callbacks);
    }
    StsCredentials sts = null;
    try {
      sts = StsCredentials.fromEnvironment(connection);
      return new TablestoreClient(
          new AsyncClient(
              connection.endpoint(),
              sts.provider(),
              connection.instanceName(),
              cc,
              new ResourceManager(cc, callbacks)),
          sts,
          callbacks);
    } catch (RuntimeException e) {
      if (sts != null) {
        sts.close();
      }
      callbacks.shutdownNow();
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
      callbacks.shutdown();
      if (sts != null) {
        sts.close();
      }
    }
  }
}
