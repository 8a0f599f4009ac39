package io.spillway.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One distributed Connect worker in its own JVM, on the caller's class path (which must hold
 * Connect's runtime and a log4j2 binding), against a running broker: for what an in-JVM worker
 * cannot show, such as the heap one worker needs. Its properties, log and anything else it writes
 * go into one folder; {@link #close()} stops it with SIGTERM, so that it logs its exit.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final String LOG_CONFIG =
      String.join(
          "\n",
          "rootLogger.level=WARN",
          "rootLogger.appenderRef.out.ref=out",
          "appender.out.type=Console",
          "appender.out.name=out",
          "appender.out.layout.type=PatternLayout",
          "appender.out.layout.pattern=%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n",
          "");

  private final Process process;
  private final Path log;
  private final ConnectRest rest;

  private WorkerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.rest = new ConnectRest(resource -> "http://localhost:" + port + "/" + resource);
  }

  /**
   * Starts a worker of its own group (internal topics named after {@code name}) with {@code
   * pluginPath}, {@code jvmOptions} (e.g. {@code -Xmx512m}, a GC log) and {@code workerProps} over
   * the defaults (JsonConverter, service_load discovery, replication factor 1); waits until its
   * REST API answers.
   */
  public static WorkerProcess start(
      Path dir,
      String name,
      String bootstrap,
      String pluginPath,
      List<String> jvmOptions,
      Map<String, String> workerProps)
      throws IOException {
    int port = freePort();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", name);
    props.put("config.storage.topic", name + "-configs");
    props.put("offset.storage.topic", name + "-offsets");
    props.put("status.storage.topic", name + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("plugin.discovery", "service_load");
    props.put("plugin.path", pluginPath);
    props.put("listeners", "http://localhost:" + port);
    props.putAll(workerProps);
    Files.createDirectories(dir);
    Path config = dir.resolve(name + ".properties");
    Files.writeString(
        config,
        props.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
    Path logConfig = dir.resolve("log4j2.properties");
    Files.writeString(logConfig, LOG_CONFIG);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlog4j2.configurationFile=" + logConfig);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.apache.kafka.connect.cli.ConnectDistributed");
    command.add(config.toString());
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    WorkerProcess worker = new WorkerProcess(process, log, port);
    try {
      worker.awaitRest(name);
    } catch (RuntimeException | Error e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  /** Waits until the REST API answers; fails at once when the worker exits first. */
  private void awaitRest(String name) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited while starting: " + logTail());
      }
      try {
        rest.get("connectors");
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              name + "'s REST API did not answer in " + START_TIMEOUT + " (log: " + log + ")", e);
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while " + name + " started", e);
      }
    }
  }

  /** Creates or updates a connector ({@code PUT /connectors/{name}/config}). */
  public void configureConnector(String name, Map<String, String> config) {
    rest.put("connectors/" + name + "/config", config);
  }

  /** The JSON of {@code GET /connectors/{name}/status}. */
  public JsonNode connectorStatus(String name) {
    return rest.get("connectors/" + name + "/status");
  }

  /**
   * Why the worker cannot go on with connector {@code name}: it exited, it logged an {@code
   * OutOfMemoryError}, or the connector or a task FAILED (with the worker's trace); null when none
   * of these happened.
   */
  public String failure(String name) {
    if (!process.isAlive()) {
      return "the worker exited with code " + process.exitValue() + ": " + logTail();
    }
    String output = readLog();
    int oom = output.indexOf("OutOfMemoryError");
    if (oom >= 0) {
      int start = output.lastIndexOf('\n', oom) + 1;
      int end = output.indexOf('\n', oom);
      return "the worker logged "
          + output.substring(start, end < 0 ? output.length() : end).strip();
    }
    try {
      return ConnectorStatus.failure(connectorStatus(name));
    } catch (RuntimeException e) {
      return null; // not created yet, or the REST call timed out under load: not a failure
    }
  }

  /** The worker's output (stdout and stderr). */
  public Path log() {
    return log;
  }

  private String readLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logTail() {
    String output = readLog();
    return output.substring(Math.max(0, output.length() - 2_000));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the worker: SIGTERM (it shuts down cleanly and logs its exit), then kills it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
