package io.spillway.connect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Configures and starts an {@link EmbeddedConnect}: one KRaft broker and 1-3 distributed workers.
 *
 * <p>Worker defaults: {@code plugin.discovery=service_load}, {@code offset.flush.interval.ms=1000},
 * String key/value converters (Kafka's own default); {@link #workerProp} overrides any of them.
 * {@code plugin.path} is always derived from {@link #pluginArchive} (or an empty temp folder).
 */
public final class EmbeddedConnectBuilder {
  private int workers = 1;
  private final Map<String, String> workerProps = new HashMap<>();
  private final Properties brokerProps = new Properties();
  private final List<Path> archives = new ArrayList<>();

  EmbeddedConnectBuilder() {}

  /** Number of Connect workers, 1 to 3 (default 1); more workers cost memory and start time. */
  public EmbeddedConnectBuilder workers(int workers) {
    if (workers < 1 || workers > 3) {
      throw new IllegalArgumentException("workers must be 1..3, was " + workers);
    }
    this.workers = workers;
    return this;
  }

  /** Adds a worker property; it overrides this class's defaults (not plugin.path). */
  public EmbeddedConnectBuilder workerProp(String key, String value) {
    if ("plugin.path".equals(key)) {
      throw new IllegalArgumentException("Set plugin.path through pluginArchive(Path)");
    }
    workerProps.put(key, value);
    return this;
  }

  /** Adds worker properties, as {@link #workerProp} does for each. */
  public EmbeddedConnectBuilder workerProps(Map<String, String> props) {
    props.forEach(this::workerProp);
    return this;
  }

  /** Adds a broker property, e.g. {@code auto.create.topics.enable=false}. */
  public EmbeddedConnectBuilder brokerProp(String key, String value) {
    brokerProps.setProperty(key, value);
    return this;
  }

  /**
   * Adds a plugin archive to plugin.path: an unpacked {@code target/<artifact>-<version>/}
   * directory (holding {@code <artifact>/lib/*.jar}) or a {@code .zip} of that layout.
   */
  public EmbeddedConnectBuilder pluginArchive(Path archive) {
    archives.add(archive);
    return this;
  }

  /** Adds the archive named by system property {@value EmbeddedConnect#ARCHIVE_DIR_PROPERTY}. */
  public EmbeddedConnectBuilder modulePluginArchive() {
    String dir = System.getProperty(EmbeddedConnect.ARCHIVE_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "System property "
              + EmbeddedConnect.ARCHIVE_DIR_PROPERTY
              + " is not set (run this IT via Failsafe)");
    }
    return pluginArchive(Path.of(dir));
  }

  /** Starts broker and workers and waits until all workers answer REST calls. */
  public EmbeddedConnect start() {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("spillway-connect-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EmbeddedConnectCluster cluster = null;
    try {
      String pluginPath = PluginPath.prepare(workDir, archives);
      // Kafka's cluster puts its own defaults into this map, so it must be a mutable copy.
      Map<String, String> props = new HashMap<>();
      props.put("plugin.discovery", "service_load");
      // Sink offsets are committed every 60 s by default: too slow for offset assertions.
      props.put("offset.flush.interval.ms", "1000");
      props.putAll(workerProps);
      props.put("plugin.path", pluginPath);
      String name = "spillway-" + UUID.randomUUID().toString().substring(0, 8);
      cluster =
          new EmbeddedConnectCluster.Builder()
              .name(name)
              .numWorkers(workers)
              .brokerProps(brokerProps)
              .workerProps(props)
              .build();
      cluster.start();
      return new EmbeddedConnect(cluster, workDir, pluginPath);
    } catch (IOException e) {
      cleanUp(cluster, workDir, e);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      cleanUp(cluster, workDir, e);
      throw e;
    }
  }

  private static void cleanUp(EmbeddedConnectCluster cluster, Path workDir, Throwable failure) {
    if (cluster != null) {
      try {
        cluster.stop();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    PluginPath.deleteRecursively(workDir);
  }
}
