package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestSchemaRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema USER =
      SchemaBuilder.record("User").fields().requiredString("name").endRecord();

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestSchemaRegistry registry = new TestSchemaRegistry();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersAndServesSchemasById() throws Exception {
    HttpResponse<String> first = post("/subjects/users-value/versions", USER.toString(), null);
    assertEquals(200, first.statusCode());
    assertEquals(TestSchemaRegistry.CONTENT_TYPE, first.headers().firstValue("Content-Type").get());
    int id = JSON.readTree(first.body()).get("id").asInt();

    // Same schema (even under another subject or with other whitespace) keeps its id.
    String spaced = JSON.readTree(USER.toString()).toPrettyString();
    HttpResponse<String> again = post("/subjects/other-value/versions", spaced, null);
    assertEquals(id, JSON.readTree(again.body()).get("id").asInt());
    assertEquals(id, registry.register("users-value", USER));
    Schema other = SchemaBuilder.record("Other").fields().requiredInt("n").endRecord();
    assertNotEquals(id, registry.register("other-value", other));

    HttpResponse<String> byId = get("/schemas/ids/" + id, null);
    assertEquals(200, byId.statusCode());
    assertEquals(
        USER, new Schema.Parser().parse(JSON.readTree(byId.body()).get("schema").asText()));

    JsonNode latest = JSON.readTree(get("/subjects/other-value/versions/latest", null).body());
    assertEquals(2, latest.get("version").asInt());
    assertEquals(4, registry.requestCount());
  }

  @Test
  void frozenSubjectAnswers409ForNewSchemasAndListsWhatItHolds() throws Exception {
    registry.register("users-value", USER);
    registry.rejectNewSchemas("users-value");
    assertEquals(200, post("/subjects/users-value/versions", USER.toString(), null).statusCode());
    Schema other = SchemaBuilder.record("User").fields().requiredInt("name").endRecord();
    HttpResponse<String> refused = post("/subjects/users-value/versions", other.toString(), null);
    assertEquals(409, refused.statusCode());
    assertTrue(
        JSON.readTree(refused.body()).get("message").asText().contains("incompatible"),
        refused.body());
    assertEquals(200, post("/subjects/others-value/versions", other.toString(), null).statusCode());
    assertEquals(java.util.List.of(USER), registry.schemas("users-value"));
    assertEquals(java.util.List.of("users-value", "others-value"), registry.subjects());
    assertTrue(registry.schemas("nobody").isEmpty());
  }

  @Test
  void unknownIdIs404WithConfluentErrorCode() throws Exception {
    HttpResponse<String> response = get("/schemas/ids/7", null);
    assertEquals(404, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(40403, body.get("error_code").asInt());
    assertEquals("Schema 7 not found", body.get("message").asText());
  }

  @Test
  void invalidSchemaIs422() throws Exception {
    HttpResponse<String> response = post("/subjects/s/versions", "{\"type\":\"nope\"}", null);
    assertEquals(422, response.statusCode());
    assertEquals(42201, JSON.readTree(response.body()).get("error_code").asInt());
  }

  @Test
  void basicAuthIsEnforced() throws Exception {
    int id = registry.register("users-value", USER);
    registry.requireBasicAuth("alice", "s3cret");

    assertEquals(401, get("/schemas/ids/" + id, null).statusCode());
    assertEquals(401, get("/schemas/ids/" + id, basic("alice", "wrong")).statusCode());
    assertEquals(200, get("/schemas/ids/" + id, basic("alice", "s3cret")).statusCode());
    registry.disableAuth();
    assertEquals(200, get("/schemas/ids/" + id, null).statusCode());
  }

  @Test
  void degradedModeAnswers503() throws Exception {
    int id = registry.register("users-value", USER);
    registry.setDegraded(true);
    HttpResponse<String> response = get("/schemas/ids/" + id, null);
    assertEquals(503, response.statusCode());
    assertTrue(response.body().contains("error_code"), response.body());
    registry.setDegraded(false);
    assertEquals(200, get("/schemas/ids/" + id, null).statusCode());
    assertEquals(2, registry.requestCount());
    registry.resetRequestCount();
    assertEquals(0, registry.requestCount());
  }

  private HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String schema, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(registry.url() + path))
            .header("Content-Type", TestSchemaRegistry.CONTENT_TYPE)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("schema", schema))));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    byte[] token = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(token);
  }
}
