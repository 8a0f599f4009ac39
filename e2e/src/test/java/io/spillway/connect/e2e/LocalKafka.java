package io.spillway.connect.e2e;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.PluginPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * Kafka as a user runs it: a one-node KRaft broker and Connect workers, each its own JVM started
 * from Kafka's jars (fetched by Maven), Spillway installed from its zip archives into plugin.path.
 * Everything lives in one temp folder, logs included, and is killed on close; {@code
 * -Dspillway.e2e.keep=true} keeps the folder.
 */
final class LocalKafka implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("spillway.e2e.root", ".."));
  private static final String LIBS = System.getProperty("spillway.e2e.kafka.libs") + "/*";
  private static final String VERSION = System.getProperty("spillway.e2e.version");

  /**
   * What every process logs to its {@code <name>.log}: WARN and up, plus Spillway's INFO and the
   * sink and source tasks' lifecycle (without a config log4j2 would print errors only).
   */
  private static final String LOG_CONFIG =
      String.join(
          "\n",
          "rootLogger.level=WARN",
          "rootLogger.appenderRef.out.ref=out",
          "appender.out.type=Console",
          "appender.out.name=out",
          "appender.out.layout.type=PatternLayout",
          "appender.out.layout.pattern=%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n",
          "logger.spillway.name=io.spillway",
          "logger.spillway.level=INFO",
          "logger.sinktask.name=org.apache.kafka.connect.runtime.WorkerSinkTask",
          "logger.sinktask.level=INFO",
          "logger.sourcetask.name=org.apache.kafka.connect.runtime.AbstractWorkerSourceTask",
          "logger.sourcetask.level=INFO",
          "logger.coordinator.name=org.apache.kafka.clients.consumer.internals",
          "logger.coordinator.level=INFO",
          "");

  final Path dir;
  final Path plugins;
  final int kafkaPort;
  private final List<Process> processes = new ArrayList<>();

  private LocalKafka(Path dir) throws IOException {
    this.dir = dir;
    this.plugins = Files.createDirectories(dir.resolve("plugins"));
    this.kafkaPort = freePort();
  }

  /** Formats KRaft storage, starts the broker and installs the source and Redshift archives. */
  static LocalKafka start() throws IOException, InterruptedException {
    return start(List.of("connector-kafka-source", "connector-redshift-sink"));
  }

  /** Formats KRaft storage, starts the broker and installs these modules' plugin archives. */
  static LocalKafka start(List<String> modules) throws IOException, InterruptedException {
    LocalKafka kafka = new LocalKafka(Files.createTempDirectory("spillway-e2e-"));
    Files.writeString(kafka.dir.resolve("log4j2.properties"), LOG_CONFIG);
    for (String module : modules) {
      Path zip = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".zip");
      PluginPath.unzip(zip, kafka.plugins);
    }
    int controllerPort = freePort();
    Path config = kafka.dir.resolve("broker.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
            "listeners=PLAINTEXT://localhost:"
                + kafka.kafkaPort
                + ",CONTROLLER://localhost:"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://localhost:" + kafka.kafkaPort,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + kafka.dir.resolve("kafka-logs"),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            ""));
    Process format =
        kafka.java(
            "format",
            Map.of(),
            "kafka.tools.StorageTool",
            "format",
            "--standalone",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString());
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      throw new IllegalStateException(
          "storage format failed: see " + kafka.dir.resolve("format.log"));
    }
    kafka.java("broker", Map.of(), "kafka.Kafka", config.toString());
    awaitPort(kafka.kafkaPort, "the broker");
    return kafka;
  }

  String bootstrap() {
    return "localhost:" + kafkaPort;
  }

  /** Starts a JVM on Kafka's class path; its output goes to {@code <name>.log}. */
  Process java(String name, Map<String, String> env, String mainClass, String... args)
      throws IOException {
    return java(name, env, List.of(), mainClass, args);
  }

  /** The same, with JVM options after the -Xmx512m every process here gets. */
  Process java(
      String name,
      Map<String, String> env,
      List<String> jvmOptions,
      String mainClass,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(LIBS);
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void awaitPort(int port, String what) {
    Await.until(
        Duration.ofSeconds(90),
        what + " listening on port " + port,
        () -> {
          try (Socket socket = new Socket("localhost", port)) {
            return socket.isConnected();
          } catch (IOException e) {
            return false;
          }
        });
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!Boolean.getBoolean("spillway.e2e.keep")) {
      PluginPath.deleteRecursively(dir);
    }
  }
}
