package io.spillway.connect.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * An in-JVM, Confluent-compatible schema registry (the subset Avro (de)serializers use), because
 * Confluent's own server is not available from our package registries.
 *
 * <p>Serves {@code POST /subjects/{subject}/versions}, {@code GET /schemas/ids/{id}}, {@code GET
 * /subjects/{subject}/versions/latest} and {@code GET /subjects} on 127.0.0.1. Schema ids are
 * global, as in Confluent: the same (canonical) schema gets the same id under every subject.
 * Failure modes for tests: required basic auth (401), a degraded switch (503), an outage ({@link
 * #stop}, then {@link #start} on the same port), a subject that rejects new schemas (409), and a
 * request counter to check client-side caching.
 */
public final class TestSchemaRegistry implements AutoCloseable {

  /** Content type of every Confluent schema registry response. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions/?");
  private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
  private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private HttpServer server;
  private ExecutorService executor;
  private final Map<String, Integer> idsBySchema = new LinkedHashMap<>();
  private final Map<Integer, String> schemasById = new LinkedHashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String expectedAuthorization;
  private volatile boolean degraded;
  private final Set<String> frozenSubjects = ConcurrentHashMap.newKeySet();

  /** Starts a registry on a free port of 127.0.0.1. */
  public TestSchemaRegistry() {
    serve(0);
    port = server.getAddress().getPort();
  }

  private synchronized void serve(int onPort) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind test schema registry to port " + onPort, e);
    }
    // Several connector tasks may call concurrently; the default executor serializes requests.
    executor = Executors.newFixedThreadPool(4, TestSchemaRegistry::daemon);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:40123}, for {@code schema.registry.url}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Registers {@code schema} under {@code subject} without an HTTP call; returns its id. */
  public int register(String subject, Schema schema) {
    return register(subject, schema.toString());
  }

  /** Registers schema text (parsed as Avro) under {@code subject}; returns its id. */
  public synchronized int register(String subject, String schemaText) {
    String canonical = new Schema.Parser().parse(schemaText).toString();
    Integer id = idsBySchema.get(canonical);
    if (id == null) {
      id = idsBySchema.size() + 1;
      idsBySchema.put(canonical, id);
      schemasById.put(id, canonical);
    }
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  /** Requires {@code Authorization: Basic base64(user:password)} on every request (401 else). */
  public void requireBasicAuth(String user, String password) {
    String token = user + ":" + password;
    expectedAuthorization =
        "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  /** Accepts unauthenticated requests again. */
  public void disableAuth() {
    expectedAuthorization = null;
  }

  /** While {@code true}, every request is answered 503, as by a registry that lost its store. */
  public void setDegraded(boolean degraded) {
    this.degraded = degraded;
  }

  /**
   * From now on, registering a schema that {@code subject} does not hold yet is answered 409, as a
   * registry whose compatibility check rejects it. Schemas it already holds still register.
   */
  public void rejectNewSchemas(String subject) {
    frozenSubjects.add(subject);
  }

  /** The subjects that hold at least one schema, in registration order. */
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  /** The schemas registered under {@code subject}, oldest first; empty for an unknown subject. */
  public synchronized List<Schema> schemas(String subject) {
    List<Schema> schemas = new ArrayList<>();
    for (int id : versionsBySubject.getOrDefault(subject, List.of())) {
      schemas.add(new Schema.Parser().parse(schemasById.get(id)));
    }
    return schemas;
  }

  /** Number of HTTP requests received (including rejected ones); not programmatic calls. */
  public int requestCount() {
    return requests.get();
  }

  /** Resets {@link #requestCount()} to 0. */
  public void resetRequestCount() {
    requests.set(0);
  }

  /** Stops the server immediately: connections to its port are refused until {@link #start}. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  /** Serves again after {@link #stop}, on the same port and with the same schemas. */
  public synchronized void start() {
    if (server == null) {
      serve(port);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try {
      String auth = expectedAuthorization;
      if (auth != null && !auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
        send(exchange, 401, error(401, "Unauthorized"));
      } else if (degraded) {
        send(exchange, 503, error(50003, "Error in the backend data store"));
      } else {
        route(exchange);
      }
    } catch (RuntimeException e) {
      // Without a reply the JDK server just drops the connection; a 500 is easier to debug.
      send(exchange, 500, error(50001, "Test registry failed: " + e));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Matcher m;
    if ("POST".equals(method) && (m = REGISTER.matcher(path)).matches()) {
      String schema;
      try {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        schema = body == null ? null : body.path("schema").textValue();
      } catch (JsonProcessingException e) {
        send(exchange, 400, error(400, "Malformed JSON: " + e.getOriginalMessage()));
        return;
      }
      if (schema == null) {
        send(exchange, 422, error(42201, "Missing field 'schema'"));
        return;
      }
      if (frozenSubjects.contains(m.group(1)) && !holds(m.group(1), schema)) {
        String message =
            "Schema being registered is incompatible with an earlier schema for subject \""
                + m.group(1)
                + "\"";
        send(exchange, 409, error(409, message));
        return;
      }
      try {
        send(exchange, 200, Map.of("id", register(m.group(1), schema)));
      } catch (SchemaParseException e) {
        send(exchange, 422, error(42201, "Invalid schema: " + e.getMessage()));
      }
    } else if ("GET".equals(method) && (m = BY_ID.matcher(path)).matches()) {
      int id = Integer.parseInt(m.group(1));
      String schema = schemaById(id);
      if (schema == null) {
        send(exchange, 404, error(40403, "Schema " + id + " not found"));
      } else {
        send(exchange, 200, Map.of("schema", schema));
      }
    } else if ("GET".equals(method) && (m = LATEST.matcher(path)).matches()) {
      sendLatest(exchange, m.group(1));
    } else if ("GET".equals(method) && path.matches("/subjects/?")) {
      send(exchange, 200, subjects());
    } else {
      send(exchange, 404, error(404, "HTTP 404 Not Found"));
    }
  }

  private void sendLatest(HttpExchange exchange, String subject) throws IOException {
    Map<String, Object> latest = new LinkedHashMap<>();
    synchronized (this) {
      List<Integer> versions = versionsBySubject.get(subject);
      if (versions == null) {
        send(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
        return;
      }
      int id = versions.get(versions.size() - 1);
      latest.put("subject", subject);
      latest.put("version", versions.size());
      latest.put("id", id);
      latest.put("schema", schemasById.get(id));
    }
    send(exchange, 200, latest);
  }

  private synchronized String schemaById(int id) {
    return schemasById.get(id);
  }

  private synchronized boolean holds(String subject, String schemaText) {
    Integer id = idsBySchema.get(new Schema.Parser().parse(schemaText).toString());
    return id != null && versionsBySubject.getOrDefault(subject, List.of()).contains(id);
  }

  private static Map<String, Object> error(int code, String message) {
    return Map.of("error_code", code, "message", message);
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "test-schema-registry");
    thread.setDaemon(true);
    return thread;
  }
}
