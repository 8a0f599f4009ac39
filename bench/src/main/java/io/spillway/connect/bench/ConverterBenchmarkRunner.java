package io.spillway.connect.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link ConverterBenchmark} and prints JsonConverter and FlatRowJsonConverter side by side
 * per flatten mode. Arguments: forks, warmup iterations, measurement iterations, seconds per
 * iteration (defaults 2 5 5 2).
 */
public final class ConverterBenchmarkRunner {
  private ConverterBenchmarkRunner() {}

  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results = JmhRuns.run(ConverterBenchmark.class, args);
    // "<operation> <mode>" -> {JsonConverter, error, FlatRow, error}
    Map<String, double[]> byMode = new TreeMap<>();
    for (RunResult result : results) {
      String mode = JmhRuns.method(result) + " " + result.getParams().getParam("mode");
      boolean flatRow = "FlatRowJsonConverter".equals(result.getParams().getParam("converter"));
      double[] scores = byMode.computeIfAbsent(mode, m -> new double[4]);
      scores[flatRow ? 2 : 0] = result.getPrimaryResult().getScore();
      scores[flatRow ? 3 : 1] = result.getPrimaryResult().getScoreError();
    }
    System.out.println();
    System.out.println(
        "One flattened ~1 KB order: fromConnectData writes it (no schema), toConnectData reads it"
            + " (with its schema); ns/op, lower is better");
    System.out.printf(
        Locale.ROOT,
        "%-24s %15s %10s %21s %10s %8s%n",
        "operation, mode",
        "JsonConverter",
        "± error",
        "FlatRowJsonConverter",
        "± error",
        "speedup");
    for (Map.Entry<String, double[]> entry : byMode.entrySet()) {
      double[] s = entry.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-24s %15.1f %10.1f %21.1f %10.1f %7.2fx%n",
          entry.getKey(),
          s[0],
          s[1],
          s[2],
          s[3],
          s[0] / s[2]);
    }
  }
}
