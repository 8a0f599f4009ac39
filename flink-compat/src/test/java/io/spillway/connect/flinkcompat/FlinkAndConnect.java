package io.spillway.connect.flinkcompat;

import io.spillway.connect.testkit.EmbeddedConnect;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Flink's mini cluster and a Connect worker with one plugin archive, shared by a test class: Flink
 * starts in the background while the worker starts, and whatever started is closed again.
 */
record FlinkAndConnect(EmbeddedConnect connect, FlinkUpsertTables flink) implements AutoCloseable {

  /** Starts both; {@code archiveProperty} names the system property holding the archive's path. */
  static FlinkAndConnect start(String archiveProperty) {
    CompletableFuture<FlinkUpsertTables> starting = FlinkUpsertTables.startAsync();
    EmbeddedConnect connect = null;
    try {
      connect =
          EmbeddedConnect.builder()
              .pluginArchive(Path.of(System.getProperty(archiveProperty)))
              .start();
      return new FlinkAndConnect(connect, starting.join());
    } catch (RuntimeException | Error e) {
      if (connect != null) {
        connect.close();
      }
      // Flink may still be starting: wait for it and close it.
      starting
          .handle(
              (flink, error) -> {
                if (flink != null) {
                  flink.close();
                }
                return null;
              })
          .join();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      flink.close();
    } finally {
      connect.close();
    }
  }
}
