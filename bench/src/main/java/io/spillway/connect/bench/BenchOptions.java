package io.spillway.connect.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link BenchAll}: {@code --rows=a,b} (default all), {@code --quick} (1/10
 * size) or {@code --scale=F}, {@code --repeats=N} (default 3, at least 1), {@code --no-warm-up},
 * {@code --out=DIR} (default {@code docs}: benchmarks.md, .svg, .json) and {@code --note=TEXT}
 * (said beside the run's machine, e.g. that other jobs loaded it); {@code --report-only} runs
 * nothing and rewrites the report and plot from the stored figures.
 */
record BenchOptions(
    List<String> rows,
    Scale scale,
    int repeats,
    boolean warmUp,
    Path out,
    String note,
    boolean reportOnly) {

  static BenchOptions parse(String... args) {
    List<String> rows = new ArrayList<>();
    Scale scale = Scale.FULL;
    int repeats = 3;
    boolean warmUp = true;
    Path out = Path.of("docs");
    String note = "";
    boolean reportOnly = false;
    for (String arg : args) {
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
      if (arg.startsWith("--rows=")) {
        for (String row : value.split(",")) {
          if (!row.isBlank()) {
            rows.add(row.trim());
          }
        }
      } else if (arg.equals("--quick")) {
        scale = Scale.QUICK;
      } else if (arg.startsWith("--scale=")) {
        scale = Scale.of(Double.parseDouble(value));
      } else if (arg.startsWith("--repeats=")) {
        repeats = Integer.parseInt(value);
      } else if (arg.equals("--no-warm-up")) {
        warmUp = false;
      } else if (arg.startsWith("--out=")) {
        out = Path.of(value);
      } else if (arg.startsWith("--note=")) {
        note = value;
      } else if (arg.equals("--report-only")) {
        reportOnly = true;
      } else {
        throw new IllegalArgumentException(
            "Unknown argument "
                + arg
                + "; use --rows=a,b --quick --scale=F --repeats=N --no-warm-up --out=DIR"
                + " --note=TEXT --report-only (rows: "
                + String.join(", ", BenchRows.ids())
                + ")");
      }
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be at least 1");
    }
    return new BenchOptions(List.copyOf(rows), scale, repeats, warmUp, out, note, reportOnly);
  }
}
