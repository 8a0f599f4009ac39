package io.spillway.connect.bench;

import java.util.concurrent.Callable;

/**
 * One sink's memory row: a backlog of 256 KiB records (1 GiB at full size) that the sink moves in a
 * Connect worker process at {@code -Xmx512m}, against that limit. The figure is the worker's heap
 * high-water mark from its GC log; the goal is to stay within the limit (≤ 1.0×) without running
 * out of memory, which, like a missing record, fails the row. Each row is its own group (a failure
 * fails its whole group) with its own broker and backlog ({@link MemoryBacklog}); each sink brings
 * its {@link MemoryDestination}.
 */
final class MemoryRow<D extends MemoryDestination> implements BenchRow {
  private final String sink;
  private final Class<D> destination;
  private final Callable<D> start;

  /**
   * The row {@code memory-<sink>}, e.g. {@code memory-redshift-sink}, whose destination (one per
   * group, shared by the runs) {@code start} makes.
   */
  MemoryRow(String sink, Class<D> destination, Callable<D> start) {
    this.sink = sink;
    this.destination = destination;
    this.start = start;
  }

  @Override
  public String id() {
    return "memory-" + sink;
  }

  @Override
  public String title() {
    return "memory, " + sink + ": heap high-water mark vs -Xmx512m";
  }

  @Override
  public String group() {
    return id();
  }

  @Override
  public Unit unit() {
    return Unit.MIB;
  }

  @Override
  public Goal goal() {
    return Goal.atMost(1.0);
  }

  @Override
  public Setup prepare(Fixtures fixtures, Scale scale) throws Exception {
    MemoryBacklog backlog = fixtures.get(MemoryBacklog.class, () -> MemoryBacklog.start(scale));
    D target = fixtures.get(destination, start);
    return new Setup(backlog.data(), new HeapRun(backlog, target, id()), backlog.limit);
  }
}
