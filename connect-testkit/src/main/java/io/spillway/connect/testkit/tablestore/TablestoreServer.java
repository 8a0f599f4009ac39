package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM Tablestore instance the real Alibaba Tablestore SDK talks to over HTTP: protobuf bodies
 * with PlainBuffer rows, signed requests (signature v2) checked against fixed test keys, signed
 * replies the SDK's response validation accepts, Tablestore's error codes. Tables live in memory.
 * Faults (server busy, per-row failures, dropped connections, slow replies) come from {@link
 * #faults()}.
 */
public final class TablestoreServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TablestoreServer.class);
  private static final String INSTANCE = "spillway";
  private static final String ACCESS_KEY_ID = "spillwayTestKeyId";
  private static final String ACCESS_KEY_SECRET = "spillwayTestKeySecret";
  // The calls a busy server refuses: reads and writes of data, not table management.
  private static final Set<String> DATA_ACTIONS =
      Set.of(
          "PutRow",
          "UpdateRow",
          "DeleteRow",
          "BatchWriteRow",
          "GetRow",
          "BatchGetRow",
          "GetRange",
          "PutTimeseriesData",
          "GetTimeseriesData");

  private final HttpServer http;
  private final ExecutorService executor;
  private final RequestAuth auth = new RequestAuth(INSTANCE, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
  private final Replies replies = new Replies(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
  private final TablestoreFaults faults = new TablestoreFaults();
  private final Map<String, OtsAction> actions = new HashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

  private TablestoreServer() throws IOException {
    MemoryTables tables = new MemoryTables();
    RowHandler rows = new RowHandler(tables, faults);
    new TableHandler(tables).register(actions);
    rows.register(actions);
    new BatchHandler(tables, rows).register(actions);
    new RangeHandler(tables).register(actions);
    new TimeseriesHandler(faults).register(actions);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "tablestore-server");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static TablestoreServer start() {
    try {
      return new TablestoreServer();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Tablestore test server", e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public String instanceName() {
    return INSTANCE;
  }

  public String accessKeyId() {
    return ACCESS_KEY_ID;
  }

  public String accessKeySecret() {
    return ACCESS_KEY_SECRET;
  }

  /**
   * The Tablestore sink settings that point it at this server: endpoint, instance and the test
   * AccessKey pair. A mutable map, for the test's own settings.
   */
  public Map<String, String> sinkConnection() {
    Map<String, String> settings = new HashMap<>();
    settings.put("tablestore.endpoint", endpoint());
    settings.put("tablestore.instance.name", instanceName());
    settings.put("tablestore.access.key.id", accessKeyId());
    settings.put("tablestore.access.key.secret", accessKeySecret());
    return settings;
  }

  /** A new SDK client for this server; the caller closes it ({@code shutdown()}). */
  public SyncClient syncClient() {
    return new SyncClient(endpoint(), ACCESS_KEY_ID, ACCESS_KEY_SECRET, INSTANCE);
  }

  /** A new SDK time series client for this server; the caller closes it ({@code shutdown()}). */
  public TimeseriesClient timeseriesClient() {
    return new TimeseriesClient(endpoint(), ACCESS_KEY_ID, ACCESS_KEY_SECRET, INSTANCE);
  }

  public TablestoreFaults faults() {
    return faults;
  }

  /** How many requests of this action (e.g. "BatchWriteRow") arrived, faulted ones included. */
  public long requests(String action) {
    LongAdder n = requests.get(action);
    return n == null ? 0 : n.sum();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String action = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
    requests.computeIfAbsent(action, a -> new LongAdder()).increment();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (faults.dropConnection()) {
        return; // closing an exchange that sent no headers closes the connection
      }
      long delay = faults.replyDelayMillis();
      if (delay > 0) {
        Thread.sleep(delay);
      }
      byte[] reply;
      try {
        reply = dispatch(action, exchange, body);
      } catch (OtsException e) {
        if (!faults.dropReply()) {
          replies.error(exchange, action, e);
        }
        return;
      }
      if (!faults.dropReply()) {
        replies.ok(exchange, action, reply);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.warn("Tablestore test server failed on {}", action, e);
      throw e;
    }
  }

  private byte[] dispatch(String action, HttpExchange exchange, byte[] body) throws IOException {
    auth.check(action, exchange.getRequestMethod(), exchange.getRequestHeaders(), body);
    body = RequestBodies.inflated(exchange.getRequestHeaders(), body);
    OtsAction handler = actions.get(action);
    if (handler == null) {
      throw new OtsException("OTSUnsupportOperation", "Unsupported operation: '" + action + "'.");
    }
    if (faults.serverBusy() && DATA_ACTIONS.contains(action)) {
      throw new OtsException("OTSServerBusy", "Server is busy.");
    }
    try {
      return handler.handle(body);
    } catch (InvalidProtocolBufferException e) {
      throw OtsException.invalid("Invalid protobuf request: " + e.getMessage());
    } catch (OtsException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Tablestore test server: {} failed", action, e);
      throw new OtsException("OTSInternalServerError", "TablestoreServer: " + e);
    }
  }
}
