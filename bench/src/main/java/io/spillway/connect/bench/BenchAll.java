package io.spillway.connect.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one benchmark command ({@code bench/run-all.sh}): runs the selected {@link BenchRows} group
 * by group, each contestant warmed up once, then {@code repeats} rounds in rotating order with a
 * full GC before every run and every run's final state checked, and writes the report ({@link
 * BenchResults}). A row that fails is reported as failed; the command then exits 1.
 */
public final class BenchAll {
  private final BenchOptions options;

  BenchAll(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    int status = 1;
    try {
      BenchOptions options = BenchOptions.parse(args);
      List<RowResult> results =
          options.reportOnly()
              ? List.of()
              : new BenchAll(options).run(BenchRows.select(options.rows()));
      BenchResults.update(options.out(), results);
      log("Report: %s", options.out().resolve(BenchResults.REPORT));
      status = results.stream().allMatch(RowResult::ok) ? 0 : 1;
    } catch (Exception | Error e) {
      e.printStackTrace();
    } finally {
      System.out.flush();
      System.err.flush();
      // Broker and worker threads are not all daemons: make sure the JVM ends.
      System.exit(status);
    }
  }

  /** Runs the rows group by group; returns one result per row, in the given order. */
  List<RowResult> run(List<BenchRow> rows) {
    RunInfo info = RunInfo.now(options.scale(), options.repeats(), options.note());
    Map<String, List<BenchRow>> groups = new LinkedHashMap<>();
    for (BenchRow row : rows) {
      groups.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(row);
    }
    Map<BenchRow, RowResult> results = new IdentityHashMap<>();
    for (List<BenchRow> group : groups.values()) {
      runGroup(group, info, results);
    }
    RunInfo finished = info.finished();
    return rows.stream().map(row -> withRun(results.get(row), finished)).toList();
  }

  private void runGroup(List<BenchRow> rows, RunInfo info, Map<BenchRow, RowResult> results) {
    try (Fixtures fixtures = new Fixtures()) {
      Map<BenchRow, BenchRow.Setup> setups = new LinkedHashMap<>();
      for (BenchRow row : rows) {
        log("Setting up %s (%s size)", row.id(), options.scale().name());
        setups.put(row, row.prepare(fixtures, options.scale()));
      }
      List<Contestant> contestants = distinctContestants(setups.values());
      if (options.warmUp()) {
        for (Contestant contestant : contestants) {
          long start = System.nanoTime();
          contestant.warmUp();
          log("warm-up   %-55s %.1f s", contestant.label(), (System.nanoTime() - start) / 1e9);
        }
      }
      Map<Contestant, double[]> figures = new IdentityHashMap<>();
      for (int repeat = 1; repeat <= options.repeats(); repeat++) {
        List<Contestant> order = new ArrayList<>(contestants);
        Collections.rotate(order, -(repeat - 1));
        for (Contestant contestant : order) {
          System.gc();
          double figure = contestant.run();
          contestant.checkFinalState();
          contestant.reset();
          figures.computeIfAbsent(contestant, c -> new double[options.repeats()])[repeat - 1] =
              figure;
          log("repeat %d  %-55s %s", repeat, contestant.label(), BenchFormat.figure(figure));
        }
      }
      setups.forEach(
          (row, setup) ->
              results.put(
                  row,
                  RowResult.of(
                      row, setup, figures.get(setup.ours()), figures.get(setup.peer()), info)));
    } catch (Exception | Error e) {
      log("FAILED: %s", e);
      e.printStackTrace();
      for (BenchRow row : rows) {
        results.putIfAbsent(row, RowResult.failed(row, info, e));
      }
    }
  }

  /** Each contestant once, in order of first use: rows that share one run it once per repeat. */
  private static List<Contestant> distinctContestants(Iterable<BenchRow.Setup> setups) {
    Map<Contestant, Boolean> seen = new IdentityHashMap<>();
    List<Contestant> distinct = new ArrayList<>();
    for (BenchRow.Setup setup : setups) {
      for (Contestant contestant : List.of(setup.ours(), setup.peer())) {
        if (seen.put(contestant, Boolean.TRUE) == null) {
          distinct.add(contestant);
        }
      }
    }
    return distinct;
  }

  private static RowResult withRun(RowResult result, RunInfo run) {
    return new RowResult(
        result.id(),
        result.title(),
        result.unit(),
        result.higherIsBetter(),
        result.goal(),
        result.goalAtLeast(),
        result.records(),
        result.bytes(),
        result.keys(),
        result.dataDescription(),
        result.ours(),
        result.oursSettings(),
        result.peer(),
        result.peerSettings(),
        result.oursFigures(),
        result.peerFigures(),
        run,
        result.finding(),
        result.failure(),
        result.oursNotes());
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "# " + format + "%n", args);
  }
}
