package io.spillway.connect.common.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.common.errors.BadInputException;
import java.io.IOException;
import java.net.URI;
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
import org.apache.kafka.connect.errors.RetriableException;

/**
 * A small Confluent-compatible schema registry client: {@code GET /schemas/ids/{id}}, basic auth,
 * timeouts, a cache by id (schemas behind an id never change). Several URLs are tried in turn. An
 * unreachable or overloaded registry is retriable; an unknown id is bad input that names the id.
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<URI> baseUris;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<Integer, Schema> cache = new ConcurrentHashMap<>();

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

  private Schema fetch(int id) {
    RetriableException unreachable = null;
    for (URI base : baseUris) {
      try {
        return fetchFrom(base, id);
      } catch (RetriableException e) {
        unreachable = e;
      }
    }
    throw unreachable;
  }

  private Schema fetchFrom(URI base, int id) {
    URI uri = base.resolve("schemas/ids/" + id);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", CONTENT_TYPE).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RetriableException(
          "Schema registry " + base + " unreachable while fetching schema id " + id + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while fetching schema id " + id, e);
    }
    return parse(base, id, response);
  }

  private static Schema parse(URI base, int id, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 404) {
      throw new BadInputException(
          "unknown schema id " + id + ": registry " + base + " answered 404 " + response.body());
    }
    if (status == 408 || status == 429 || status >= 500) {
      throw new RetriableException(
          "Schema registry " + base + " answered " + status + " for schema id " + id);
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
