package io.spillway.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Minimal JSON client for the Connect REST API.
 *
 * <p>Responses are read as Jackson trees rather than Connect's REST entity classes, which moved
 * between Kafka 4.1 and 4.3; the JSON shape is the stable, documented contract.
 */
final class ConnectRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final UnaryOperator<String> endpoint;
  // HTTP/1.1: the JDK client's default h2c upgrade attempt is pointless against the worker.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** {@code endpoint} maps a resource such as {@code connectors} to a worker URL. */
  ConnectRest(UnaryOperator<String> endpoint) {
    this.endpoint = endpoint;
  }

  JsonNode get(String resource) {
    return send(request(resource).GET());
  }

  JsonNode put(String resource, Object body) {
    return send(request(resource).PUT(json(body)));
  }

  JsonNode post(String resource, Object body) {
    return send(request(resource).POST(json(body)));
  }

  JsonNode delete(String resource) {
    return send(request(resource).DELETE());
  }

  private HttpRequest.Builder request(String resource) {
    return HttpRequest.newBuilder(URI.create(endpoint.apply(resource)))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + request.method(), e);
    }
    if (response.statusCode() >= 400) {
      throw new ConnectRestError(request, response.statusCode(), response.body());
    }
    String body = response.body();
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("Non-JSON response from " + request.uri() + ": " + body, e);
    }
  }
}
