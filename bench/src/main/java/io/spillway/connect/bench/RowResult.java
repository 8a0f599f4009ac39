package io.spillway.connect.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row's outcome: both sides' figures per repeat (index = repeat - 1), or why it failed. Paired
 * ratios compare ours and peer of the same repeat, so a slow phase of the machine hits both sides.
 * Stored as JSON between runs ({@link BenchResults}), so a {@code --rows} run keeps the other rows.
 */
record RowResult(
    String id,
    String title,
    String unit,
    boolean higherIsBetter,
    double goal,
    boolean goalAtLeast,
    long records,
    long bytes,
    String keys,
    String dataDescription,
    String ours,
    String oursSettings,
    String peer,
    String peerSettings,
    List<Double> oursFigures,
    List<Double> peerFigures,
    RunInfo run,
    String finding,
    String failure,
    String oursNotes) {

  RowResult {
    finding = finding == null ? "" : finding; // results stored before rows had findings
    oursNotes = oursNotes == null ? "" : oursNotes; // or before contestants had notes
  }

  /** A finished row. */
  static RowResult of(
      BenchRow row, BenchRow.Setup setup, double[] ours, double[] peer, RunInfo run) {
    return new RowResult(
        row.id(),
        row.title(),
        row.unit().symbol(),
        row.unit().higherIsBetter(),
        row.goal().ratio(),
        row.goal().atLeast(),
        setup.data().records(),
        setup.data().bytes(),
        setup.data().keys(),
        setup.data().description(),
        setup.ours().label(),
        setup.ours().settings(),
        setup.peer().label(),
        setup.peer().settings(),
        boxed(ours),
        boxed(peer),
        run,
        row.finding(),
        null,
        setup.ours().notes());
  }

  /** A row whose setup or a run failed: reported as such, never left out. */
  static RowResult failed(BenchRow row, RunInfo run, Throwable cause) {
    String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new RowResult(
        row.id(),
        row.title(),
        row.unit().symbol(),
        row.unit().higherIsBetter(),
        row.goal().ratio(),
        row.goal().atLeast(),
        0,
        0,
        "",
        "",
        "",
        "",
        "",
        "",
        List.of(),
        List.of(),
        run,
        row.finding(),
        message,
        "");
  }

  boolean ok() {
    return failure == null;
  }

  BenchRow.Goal goalBound() {
    return new BenchRow.Goal(goal, goalAtLeast);
  }

  double oursMedian() {
    return median(sorted(oursFigures));
  }

  double peerMedian() {
    return median(sorted(peerFigures));
  }

  /** ours / peer per repeat, sorted. */
  List<Double> ratios() {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(oursFigures.size(), peerFigures.size()); i++) {
      ratios.add(oursFigures.get(i) / peerFigures.get(i));
    }
    Collections.sort(ratios);
    return ratios;
  }

  double ratioMedian() {
    return median(ratios());
  }

  double ratioMin() {
    List<Double> ratios = ratios();
    return ratios.isEmpty() ? Double.NaN : ratios.get(0);
  }

  double ratioMax() {
    List<Double> ratios = ratios();
    return ratios.isEmpty() ? Double.NaN : ratios.get(ratios.size() - 1);
  }

  boolean goalMet() {
    return ok() && goalBound().metBy(ratioMedian());
  }

  static double median(List<Double> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static List<Double> sorted(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }

  private static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
