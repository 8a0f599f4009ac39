package io.spillway.connect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Every row of the report at tiny size (a few hundred records, minimal JMH iterations, two rotated
 * repeats; no warm-up runs, which take the same path on a smaller topic) through the same entry
 * point as {@code bench/run-all.sh}: no runner, peer (Debezium included) or final-state check can
 * rot unnoticed. The figures prove nothing about speed; only that they are sane.
 */
class BenchSmokeIT {
  @Test
  void everyRowRunsAndIsReported() throws Exception {
    Path out = Path.of(System.getProperty("bench.smoke.out", "target/bench-smoke"));
    Files.deleteIfExists(out.resolve(BenchResults.RESULTS));
    BenchOptions options =
        BenchOptions.parse(
            "--scale=0.0003", "--repeats=2", "--no-warm-up", "--out=" + out, "--note=smoke test");
    List<RowResult> results = new BenchAll(options).run(BenchRows.select(options.rows()));
    BenchResults.update(out, results);

    List<RowResult> stored = BenchResults.read(out);
    assertEquals(BenchRows.ids(), stored.stream().map(RowResult::id).toList());
    for (RowResult row : stored) {
      assertTrue(row.ok(), row.id() + " failed: " + row.failure());
      assertEquals(2, row.oursFigures().size(), row.id());
      assertEquals(2, row.peerFigures().size(), row.id());
      for (double figure : row.oursFigures()) {
        assertTrue(figure > 0 && Double.isFinite(figure), row.id() + " ours " + figure);
      }
      for (double figure : row.peerFigures()) {
        assertTrue(figure > 0 && Double.isFinite(figure), row.id() + " peer " + figure);
      }
      assertTrue(row.ratioMin() <= row.ratioMedian() && row.ratioMedian() <= row.ratioMax());
      assertTrue(row.records() > 0 && row.bytes() > 0, row.id() + " data set");
      assertTrue(!row.oursSettings().isBlank() && !row.peerSettings().isBlank(), row.id());
      assertEquals("smoke", row.run().scale());
    }

    String report = Files.readString(out.resolve(BenchResults.REPORT));
    for (RowResult row : stored) {
      assertTrue(report.contains("| " + row.title() + " | "), "report lacks " + row.title());
      assertTrue(report.contains(BenchFormat.ratioRange(row)), "report lacks ratio of " + row.id());
    }
    Document svg =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(out.resolve(BenchResults.PLOT).toFile());
    assertEquals("svg", svg.getDocumentElement().getTagName());
    // two bars per row, plus the legend's two swatches and the background
    assertEquals(2 * stored.size() + 3, svg.getElementsByTagName("rect").getLength());
  }
}
