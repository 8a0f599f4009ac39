package io.spillway.connect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowResultTest {
  private static final RunInfo RUN =
      new RunInfo("2026-11-29T09:00:00Z", "quick", 0.1, 3, 2, 23.4, "jvm", "os", "1", "2", "");

  static RowResult row(String id, List<Double> ours, List<Double> peer, double goal) {
    return new RowResult(
        id,
        id + " title",
        "records/s",
        true,
        goal,
        true,
        100,
        1000,
        "10 keys",
        "data",
        "ours",
        "a=1",
        "peer",
        "b=2",
        ours,
        peer,
        RUN,
        "",
        null,
        "");
  }

  @Test
  void ratiosArePairedWithinEachRepeatNotMediansOfEachSide() {
    // ours is twice the peer in every repeat, although the machine's speed changed between them
    RowResult row = row("r", List.of(200.0, 100.0, 400.0), List.of(100.0, 50.0, 200.0), 2.0);
    assertEquals(List.of(2.0, 2.0, 2.0), row.ratios());
    assertEquals(2.0, row.ratioMedian());
    assertEquals(200.0, row.oursMedian());
    assertEquals(100.0, row.peerMedian());
    assertTrue(row.goalMet());
  }

  @Test
  void medianAndRangeOfUnevenRatios() {
    RowResult row =
        row("r", List.of(90.0, 150.0, 120.0, 80.0), List.of(100.0, 100.0, 100.0, 100.0), 1.0);
    assertEquals(0.8, row.ratioMin());
    assertEquals(1.5, row.ratioMax());
    assertEquals(1.05, row.ratioMedian(), 1e-9);
    assertTrue(row.goalMet());
    assertFalse(row("r", List.of(99.0), List.of(100.0), 1.0).goalMet());
  }

  @Test
  void aCostGoalIsMetBelowItsBound() {
    assertTrue(BenchRow.Goal.atMost(1.0).metBy(0.9));
    assertFalse(BenchRow.Goal.atMost(1.0).metBy(1.22));
  }

  @Test
  void aRunOfSomeRowsKeepsTheOthers(@TempDir Path folder) throws Exception {
    RowResult flatten = row("flatten", List.of(1.0), List.of(1.0), 1.0);
    RowResult packed = row("kafka-source-packed", List.of(1.0), List.of(2.0), 1.0);
    BenchResults.update(folder, List.of(packed, flatten));
    RowResult faster = row("kafka-source-packed", List.of(3.0), List.of(2.0), 1.0);
    List<RowResult> merged = BenchResults.update(folder, List.of(faster));

    assertEquals(
        List.of("flatten", "kafka-source-packed"), merged.stream().map(RowResult::id).toList());
    assertEquals(List.of(3.0), BenchResults.read(folder).get(1).oursFigures());
    String report = Files.readString(folder.resolve(BenchResults.REPORT));
    assertTrue(
        report.contains(
            "| kafka-source-packed title | 3.0 records/s | 2.0 records/s | 1.50× (1.50–1.50) | ≥ 1.00× | met |"),
        report);
    assertTrue(Files.readString(folder.resolve(BenchResults.PLOT)).contains("1.50× (1.50–1.50)"));
  }

  @Test
  void aFailedRowIsReportedNotLeftOut(@TempDir Path folder) throws Exception {
    RowResult failed = RowResult.failed(new FlattenRow(), RUN, new IllegalStateException("boom"));
    BenchResults.update(folder, List.of(failed));
    String report = Files.readString(folder.resolve(BenchResults.REPORT));
    assertTrue(report.contains("FAILED: IllegalStateException: boom"), report);
    assertFalse(failed.goalMet());
  }
}
