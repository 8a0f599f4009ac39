package io.spillway.connect.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link FlattenBenchmark} and prints the side-by-side table with the ratio to the bare
 * Jackson parse. Goal: flattening costs at most 1.5x the bare parse. Arguments: forks, warmup
 * iterations, measurement iterations, seconds per iteration (defaults 2 5 5 2).
 */
public final class FlattenBenchmarkRunner {
  private static final double GOAL = 1.5;

  private FlattenBenchmarkRunner() {}

  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results = JmhRuns.run(FlattenBenchmark.class, args);
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String name = JmhRuns.method(result);
      scores.put(
          name,
          new double[] {
            result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()
          });
    }
    double baseline = scores.get("jacksonReadTree")[0];
    System.out.println();
    System.out.println("10-field JSON record, unpacked (ns/op, lower is better)");
    System.out.printf(
        Locale.ROOT, "%-18s %12s %10s %8s%n", "benchmark", "ns/op", "± error", "ratio");
    for (Map.Entry<String, double[]> entry : scores.entrySet()) {
      double[] score = entry.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-18s %12.1f %10.1f %7.2fx%n",
          entry.getKey(),
          score[0],
          score[1],
          score[0] / baseline);
    }
    double ratio = scores.get("flattenToStruct")[0] / baseline;
    System.out.printf(
        Locale.ROOT,
        "flattenToStruct / jacksonReadTree = %.2fx (goal <= %.1fx): %s%n",
        ratio,
        GOAL,
        ratio <= GOAL ? "MET" : "NOT MET");
  }
}
