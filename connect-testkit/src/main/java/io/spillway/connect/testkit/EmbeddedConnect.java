package io.spillway.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * An in-JVM Kafka (KRaft) broker plus 1-3 distributed Connect workers, wrapping Kafka's {@link
 * EmbeddedConnectCluster} with the conventions every Spillway integration test needs.
 *
 * <p>Workers use {@code plugin.discovery=service_load} (a warm single-worker start took ~2.5 s
 * instead of ~7 s with {@code hybrid_warn}; every plugin class needs a {@code META-INF/services}
 * entry) and a {@code plugin.path} made of the given plugin archives, or an empty temp folder when
 * none is given. Connectors on the test classpath (such as {@link RecordingSinkConnector}) are
 * found too, without isolation.
 *
 * <pre>{@code
 * try (EmbeddedConnect connect = EmbeddedConnect.builder().pluginArchive(dir).start()) {
 *   connect.createTopic("orders", 1);
 *   connect.configureConnector("sink", config);
 *   connect.awaitConnectorRunning("sink", 1);
 * }
 * }</pre>
 */
public final class EmbeddedConnect implements AutoCloseable {

  /** System property set by plugin-parent's Failsafe config: the module's unpacked archive. */
  public static final String ARCHIVE_DIR_PROPERTY = "spillway.plugin.archive.dir";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final EmbeddedConnectCluster cluster;
  private final Path workDir;
  private final String pluginPath;
  private final ConnectRest rest;
  private final KafkaIo kafkaIo;
  private final AtomicBoolean closed = new AtomicBoolean();

  EmbeddedConnect(EmbeddedConnectCluster cluster, Path workDir, String pluginPath) {
    this.cluster = cluster;
    this.workDir = workDir;
    this.pluginPath = pluginPath;
    this.rest = new ConnectRest(cluster::endpointForResource);
    this.kafkaIo = new KafkaIo(cluster.kafka().bootstrapServers());
  }

  /** A builder for 1 worker, no plugin archive (plugin.path = an empty temp folder). */
  public static EmbeddedConnectBuilder builder() {
    return new EmbeddedConnectBuilder();
  }

  /** The wrapped Kafka test cluster, for anything this class does not cover. */
  public EmbeddedConnectCluster cluster() {
    return cluster;
  }

  /** Bootstrap servers of the embedded broker. */
  public String kafka() {
    return cluster.kafka().bootstrapServers();
  }

  /** The workers' {@code plugin.path}. */
  public String pluginPath() {
    return pluginPath;
  }

  /** Creates a topic with replication factor 1 and waits until the broker created it. */
  /**
   * Creates a topic and waits until every partition has a leader: producing to a partition whose
   * leader is still being elected fails (NOT_LEADER_OR_FOLLOWER) or stalls.
   */
  public void createTopic(String name, int partitions) {
    cluster.kafka().createTopic(name, partitions);
    Await.until(
        Duration.ofSeconds(30),
        "leaders for the " + partitions + " partitions of " + name,
        () ->
            cluster.kafka().describeTopics(name).get(name).stream()
                .allMatch(
                    d ->
                        d.partitions().size() == partitions
                            && d.partitions().stream().allMatch(p -> p.leader() != null)));
  }

  /** Produces one record synchronously; any argument but {@code topic} may be null. */
  public RecordMetadata produce(String topic, byte[] key, byte[] value, Header... headers) {
    return kafkaIo.produce(new ProducerRecord<>(topic, null, key, value, List.of(headers)));
  }

  /**
   * Produces UTF-8 strings (null stays null); headers keep the map's iteration order (use a
   * LinkedHashMap) and may be null.
   */
  public RecordMetadata produce(
      String topic, String key, String value, Map<String, String> headers) {
    List<Header> list = new ArrayList<>();
    if (headers != null) {
      headers.forEach((k, v) -> list.add(new RecordHeader(k, utf8(v))));
    }
    return kafkaIo.produce(new ProducerRecord<>(topic, null, utf8(key), utf8(value), list));
  }

  /** Produces a fully specified record (partition, timestamp, ...) synchronously. */
  public RecordMetadata produce(ProducerRecord<byte[], byte[]> record) {
    return kafkaIo.produce(record);
  }

  /**
   * Reads {@code topic} from the beginning of every partition until at least {@code count} records
   * arrived (all of them are returned) or fails after {@code timeout}.
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
    return kafkaIo.consume(topic, count, timeout);
  }

  /** Creates or updates a connector ({@code PUT /connectors/{name}/config}). */
  public void configureConnector(String name, Map<String, String> config) {
    rest.put("connectors/" + name + "/config", config);
  }

  /**
   * Creates a connector with {@code POST /connectors}, as a user's first request would; a config
   * the worker rejects throws {@link ConnectRestError} (400) carrying the worker's message.
   */
  public void createConnector(String name, Map<String, String> config) {
    rest.post("connectors", Map.of("name", name, "config", config));
  }

  /** Deletes a connector. */
  public void deleteConnector(String name) {
    rest.delete("connectors/" + name);
  }

  /** The JSON of {@code GET /connectors/{name}/status}. */
  public JsonNode connectorStatus(String name) {
    return rest.get("connectors/" + name + "/status");
  }

  /** Waits up to 60 s for the connector and exactly {@code tasks} tasks to be RUNNING. */
  public void awaitConnectorRunning(String name, int tasks) {
    awaitConnectorRunning(name, tasks, DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the connector and exactly {@code tasks} tasks to be RUNNING; fails at once, with the
   * worker's stack trace, if the connector or a task FAILED.
   */
  public void awaitConnectorRunning(String name, int tasks, Duration timeout) {
    Await.value(
        timeout,
        "connector '" + name + "' RUNNING with " + tasks + " task(s)",
        () -> failFast(name, connectorStatus(name)),
        status -> ConnectorStatus.running(status, tasks));
  }

  /**
   * Waits up to 60 s for the connector itself to be FAILED and returns the worker's trace of the
   * failure, whose first line is the exception and its message.
   */
  public String awaitConnectorFailed(String name) {
    JsonNode connector =
        Await.value(
            DEFAULT_TIMEOUT,
            "connector '" + name + "' FAILED",
            () -> connectorStatus(name).path("connector"),
            status -> "FAILED".equals(status.path("state").asText()));
    return connector.path("trace").asText();
  }

  private static JsonNode failFast(String name, JsonNode status) {
    String failure = ConnectorStatus.failure(status);
    if (failure != null) {
      throw new AssertionError("Connector '" + name + "' failed: " + failure);
    }
    return status;
  }

  /**
   * Validates {@code config} for {@code connectorClass} without creating a connector. Include
   * {@code name}: the worker reports a missing name as an error. {@code connector.class} is set.
   */
  public ConnectorValidation validate(String connectorClass, Map<String, String> config) {
    Map<String, String> body = new HashMap<>(config);
    body.put("connector.class", connectorClass);
    JsonNode json = rest.put("connector-plugins/" + connectorClass + "/config/validate", body);
    return ConnectorValidation.fromJson(json);
  }

  /**
   * Class names of the plugins the workers see; with {@code connectorsOnly=false} also converters,
   * transforms, predicates and header converters.
   */
  public List<String> connectorPlugins(boolean connectorsOnly) {
    List<String> classes = new ArrayList<>();
    for (JsonNode plugin : rest.get("connector-plugins?connectorsOnly=" + connectorsOnly)) {
      classes.add(plugin.path("class").asText());
    }
    return classes;
  }

  /** Stops workers and broker and deletes the temp folder; safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      kafkaIo.close();
      cluster.stop();
    } finally {
      PluginPath.deleteRecursively(workDir);
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
