package io.spillway.connect.common.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.common.errors.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * A small Confluent-compatible schema registry client: {@code GET /schemas/ids/{id}} and {@code
 * POST /subjects/{subject}/versions}, basic auth, timeouts, a cache by id (schemas behind an id
 * never change) and one by (subject, schema). Several URLs are tried in turn. An unreachable or
 * overloaded registry is retriable; an unknown id is bad input that names the id.
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<URI> baseUris;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<Integer, Schema> cache = new ConcurrentHashMap<>();
  private final Map<Registration, Integer> registered = new ConcurrentHashMap<>();

  private record Registration(String subject, String schema) {}

  /**
   * @param urls one or more registry base URLs
   * @param basicAuthUserInfo {@code user:password}, or {@code null} for no authentication
   */
  public SchemaRegistryClient(List<String> urls, String basicAuthUserInfo, Duration timeout) {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is required");
    }
    this.baseUris = new ArrayList<>();
    for (String url : urls) {
      String trimmed = url.trim();
      baseUris.add(URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/"));
    }
    this.authorization =
        basicAuthUserInfo == null || basicAuthUserInfo.isEmpty()
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The Avro writer schema registered under this id; fetched once, then served from the cache. */
  public Schema schemaById(int id) {
    Schema cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = fetch(id);
    cache.putIfAbsent(id, schema);
    return schema;
  }

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its global id. Each (subject, schema) pair is registered once per client; later calls
   * are served from the cache. An unreachable or overloaded registry is retriable; refused
   * credentials (401/403) are a {@link ConnectException} (a setting to fix, not bad data: the task
   * fails, as when fetching a schema); a refused schema (409 incompatible, 422 invalid, ...) is a
   * {@link DataException} naming the subject and the registry's message.
   */
  public int register(String subject, Schema schema) {
    String text = schema.toString();
    Integer cached = registered.get(new Registration(subject, text));
    if (cached != null) {
      return cached;
    }
    String body;
    try {
      body = MAPPER.writeValueAsString(Map.of("schema", text));
    } catch (IOException e) {
      throw new DataException("cannot encode the schema for subject " + subject + ": " + e, e);
    }
    String what = "registering a schema under subject " + subject;
    RetriableException unreachable = null;
    for (URI base : baseUris) {
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(base.resolve("subjects/" + pathSegment(subject) + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        int id = parseId(base, subject, send(base, request, what));
        registered.putIfAbsent(new Registration(subject, text), id);
        return id;
      } catch (RetriableException e) {
        unreachable = e;
      }
    }
    throw unreachable;
  }

  private Schema fetch(int id) {
    RetriableException unreachable = null;
    for (URI base : baseUris) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("schemas/ids/" + id));
        return parse(base, id, send(base, request.GET(), "fetching schema id " + id));
      } catch (RetriableException e) {
        unreachable = e;
      }
    }
    throw unreachable;
  }

  /** Sends with timeout, Accept and auth headers; an I/O failure or a 408/429/5xx is retriable. */
  private HttpResponse<String> send(URI base, HttpRequest.Builder request, String what) {
    request.timeout(timeout).header("Accept", CONTENT_TYPE);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RetriableException(
          "Schema registry " + base + " unreachable while " + what + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while " + what, e);
    }
    int status = response.statusCode();
    if (status == 408 || status == 429 || status >= 500) {
      throw new RetriableException(
          "Schema registry " + base + " answered " + status + " while " + what);
    }
    return response;
  }

  private static int parseId(URI base, String subject, HttpResponse<String> response) {
    int status = response.statusCode();
    String message = registryMessage(response.body());
    if (status == 401 || status == 403) {
      throw new ConnectException(
          "Schema registry "
              + base
              + " refused the credentials ("
              + status
              + ") registering subject "
              + subject
              + ": "
              + message);
    }
    if (status != 200) {
      throw new DataException(
          "Schema registry "
              + base
              + " refused the schema for subject "
              + subject
              + " ("
              + status
              + "): "
              + message);
    }
    try {
      JsonNode id = MAPPER.readTree(response.body()).path("id");
      if (id.canConvertToInt()) {
        return id.intValue();
      }
    } catch (IOException e) {
      // reported below with the body
    }
    throw new DataException(
        "Schema registry "
            + base
            + " answered no schema id for subject "
            + subject
            + ": "
            + message);
  }

  /** The {@code message} of a registry error body, or the body itself. */
  private static String registryMessage(String body) {
    try {
      JsonNode message = MAPPER.readTree(body).path("message");
      return message.isTextual() ? message.textValue() : body;
    } catch (IOException e) {
      return body;
    }
  }

  /** Subjects may hold any character (e.g. a topic with a dot); encode them as one path segment. */
  private static String pathSegment(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Schema parse(URI base, int id, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 404) {
      throw new BadInputException(
          "unknown schema id " + id + ": registry " + base + " answered 404 " + response.body());
    }
    if (status == 401 || status == 403) {
      throw new ConnectException(
          "Schema registry " + base + " refused the credentials (" + status + ")");
    }
    if (status != 200) {
      throw new ConnectException(
          "Schema registry " + base + " answered " + status + " for schema id " + id);
    }
    try {
      JsonNode body = MAPPER.readTree(response.body());
      String type = body.path("schemaType").asText("AVRO");
      if (!"AVRO".equals(type)) {
        throw new BadInputException("schema id " + id + " is a " + type + " schema, not Avro");
      }
      return new Schema.Parser().parse(body.path("schema").asText());
    } catch (IOException | SchemaParseException e) {
      throw new BadInputException("schema id " + id + " is not a readable Avro schema: " + e, e);
    }
  }
}
