package io.spillway.connect.bench;

import io.spillway.connect.testkit.HeapHighWater;
import io.spillway.connect.testkit.WorkerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A memory row's run: a fresh Connect worker process at {@code -Xmx512m} with the sink's plugin,
 * the sink's connector reading the whole backlog into a fresh destination until every record is
 * there, then the worker stopped and its GC log read. The figure is the heap high-water mark in
 * MiB; a worker that runs out of memory, dies, or whose task fails fails the run.
 */
final class HeapRun implements Contestant {
  private static final long TIMEOUT_MILLIS = 30 * 60_000L;

  private final MemoryBacklog backlog;
  private final MemoryDestination destination;
  private final String id;
  private final List<HeapHighWater> measured = new ArrayList<>();
  private int runs;

  HeapRun(MemoryBacklog backlog, MemoryDestination destination, String id) {
    this.backlog = backlog;
    this.destination = destination;
    this.id = id;
  }

  @Override
  public String label() {
    return "Spillway "
        + destination.sink()
        + " in a worker at -Xmx"
        + MemoryBacklog.HeapLimit.MIB
        + "m";
  }

  @Override
  public String settings() {
    return destination.settings();
  }

  /** Each run is a new JVM: nothing carries over from a warm-up. */
  @Override
  public void warmUp() {}

  @Override
  public double run() throws Exception {
    HeapHighWater heap = move();
    measured.add(heap);
    return heap.peakMib();
  }

  private HeapHighWater move() throws Exception {
    String run = id + "-" + ++runs;
    Map<String, String> config = destination.create(run, MemoryBacklog.TOPIC);
    Path dir = backlog.dir.resolve(run);
    Path gcLog = dir.resolve("gc.log");
    Path plugin = ClickTopicsWorker.pluginFolder(destination.pluginProperty(), destination.sink());
    try (WorkerProcess worker =
        WorkerProcess.start(
            dir,
            run,
            backlog.kafka.bootstrapServers(),
            plugin.toString(),
            List.of(
                "-Xmx" + MemoryBacklog.HeapLimit.MIB + "m",
                "-XX:+UseG1GC",
                HeapHighWater.jvmOption(gcLog)),
            Map.of())) {
      worker.configureConnector(run, config);
      awaitLanded(worker, run);
    }
    HeapHighWater heap = HeapHighWater.read(gcLog);
    if (heap.maxMib() != MemoryBacklog.HeapLimit.MIB) {
      throw new IllegalStateException(
          run + ": the worker's maximum heap was " + heap.maxMib() + " MiB (" + gcLog + ")");
    }
    return heap;
  }

  /** Polls the destination until the whole backlog is there; fails at once if the worker does. */
  private void awaitLanded(WorkerProcess worker, String run) throws Exception {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    int expected = destination.expected(backlog.records, backlog.keys);
    long landed = 0;
    while (landed < expected) {
      String failure = worker.failure(run);
      if (failure != null) {
        throw new IllegalStateException(
            run + " after " + landed + " of " + expected + " records: " + failure);
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            run + ": " + landed + " of " + expected + " records after 30 minutes");
      }
      KinesisSinkBenchmark.sleep(500);
      landed = destination.landed();
    }
    String failure = worker.failure(run); // an OutOfMemoryError the task survived counts too
    if (failure != null) {
      throw new IllegalStateException(run + ": " + failure);
    }
  }

  @Override
  public void checkFinalState() throws Exception {
    destination.verify(destination.expected(backlog.records, backlog.keys));
  }

  @Override
  public void reset() throws Exception {
    destination.drop();
  }

  @Override
  public String notes() {
    return String.format(
        "most heap still in use right after a GC pause, per repeat: %s MiB (GC pauses: %s)",
        measured.stream().map(h -> Integer.toString(h.afterGcMib())).collect(joining()),
        measured.stream().map(h -> Integer.toString(h.pauses())).collect(joining()));
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(" / ");
  }
}
