package io.spillway.connect.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One Connect worker process and its REST API. */
final class Worker {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  final int restPort;
  final Process process;

  private Worker(int restPort, Process process) {
    this.restPort = restPort;
    this.process = process;
  }

  /** The settings every worker here shares: plugins, env config provider, REST port. */
  private static String common(LocalKafka kafka, int restPort) {
    return String.join(
        "\n",
        "bootstrap.servers=" + kafka.bootstrap(),
        "plugin.path=" + kafka.plugins,
        "key.converter=org.apache.kafka.connect.json.JsonConverter",
        "value.converter=org.apache.kafka.connect.json.JsonConverter",
        "offset.flush.interval.ms=1000",
        "config.providers=env",
        "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        "config.providers.env.param.allowlist.pattern=SPILLWAY_.*|POSTGRES_.*",
        "listeners=http://localhost:" + restPort,
        "");
  }

  static Worker distributed(LocalKafka kafka, String name, Map<String, String> env)
      throws IOException {
    return distributed(kafka, name, env, List.of(), "");
  }

  /**
   * A distributed worker whose JVM also gets {@code jvmOptions} (e.g. GC logging) and whose
   * properties end with {@code overrides} ("key=value" lines; the last value of a key wins).
   */
  static Worker distributed(
      LocalKafka kafka,
      String name,
      Map<String, String> env,
      List<String> jvmOptions,
      String overrides)
      throws IOException {
    int port = LocalKafka.freePort();
    Path config = kafka.dir.resolve(name + ".properties");
    Files.writeString(
        config,
        common(kafka, port)
            + String.join(
                "\n",
                "group.id=spillway-e2e",
                "config.storage.topic=e2e-configs",
                "offset.storage.topic=e2e-offsets",
                "status.storage.topic=e2e-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                // A killed worker's tasks move to the survivor after 5 s, not 5 minutes.
                "scheduled.rebalance.max.delay.ms=5000",
                "")
            + overrides);
    Process process =
        kafka.java(
            name,
            env,
            jvmOptions,
            "org.apache.kafka.connect.cli.ConnectDistributed",
            config.toString());
    return ready(new Worker(port, process), name);
  }

  static Worker standalone(
      LocalKafka kafka, String name, Map<String, String> env, Path offsets, Path... connectors)
      throws IOException {
    int port = LocalKafka.freePort();
    Path config = kafka.dir.resolve(name + ".properties");
    Files.writeString(
        config, common(kafka, port) + "offset.storage.file.filename=" + offsets + "\n");
    String[] args = new String[connectors.length + 1];
    args[0] = config.toString();
    for (int i = 0; i < connectors.length; i++) {
      args[i + 1] = connectors[i].toString();
    }
    Process process = kafka.java(name, env, "org.apache.kafka.connect.cli.ConnectStandalone", args);
    return ready(new Worker(port, process), name);
  }

  /** Waits until the REST API answers (Jetty listens before Connect's resources are there). */
  private static Worker ready(Worker worker, String name) {
    Await.until(
        Duration.ofSeconds(120),
        name + "'s REST API",
        () -> {
          try {
            return HTTP.send(
                        HttpRequest.newBuilder(
                                URI.create("http://localhost:" + worker.restPort + "/connectors"))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
    return worker;
  }

  /** POSTs a REST body ({"name":..., "config":{...}}) as given, e.g. a config-examples file. */
  void create(Path body) throws IOException, InterruptedException {
    post(Files.readString(body), body.toString());
  }

  /** Creates connector {@code name} with {@code config}. */
  void create(String name, Map<String, String> config) throws IOException, InterruptedException {
    post(JSON.writeValueAsString(Map.of("name", name, "config", config)), name);
  }

  private void post(String body, String what) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST " + what + ": " + response.statusCode() + " " + response.body());
    }
  }

  String status(String connector) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:" + restPort + "/connectors/" + connector + "/status"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  /** Deletes connector {@code name} (its tasks stop; its consumer group's offsets stay). */
  void delete(String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + restPort + "/connectors/" + name))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204) {
      throw new IllegalStateException(
          "DELETE " + name + ": " + response.statusCode() + " " + response.body());
    }
  }
}
