package io.spillway.connect.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code docs/benchmarks.svg}: per row one pair of bars, peer (grey) and ours (blue), scaled to the
 * larger of the two medians (rows have different units), each labelled with its figure, and the
 * median paired ratio with its min–max and the goal beside them. Plain SVG, no plotting library.
 */
final class BenchPlot {
  private static final int WIDTH = 1100;
  private static final int TOP = 50;
  private static final int ROW_HEIGHT = 70;
  private static final int BAR_X = 16;
  private static final int BAR_MAX = 380;
  private static final int BAR_HEIGHT = 15;
  private static final int RATIO_X = 840;
  private static final String OURS = "#2b6cb0";
  private static final String PEER = "#a0aec0";
  private static final String MET = "#276749";
  private static final String MISSED = "#c53030";

  private BenchPlot() {}

  static String svg(List<RowResult> rows) {
    List<String> runs =
        rows.stream()
            .map(
                row ->
                    String.format(
                        Locale.ROOT,
                        "Measured %s at %s size (×%s) on %d cores%s",
                        row.run().date(),
                        row.run().scale(),
                        BenchFormat.number(row.run().factor()),
                        row.run().cores(),
                        row.run().note().isBlank() ? "" : "; " + row.run().note()))
            .distinct()
            .toList();
    int height = TOP + rows.size() * ROW_HEIGHT + 44 + 18 * runs.size();
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\""
                    + " font-size=\"13\">\n",
                WIDTH,
                height,
                WIDTH,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(svg, BAR_X, 24, "Spillway against its peer, per row (median of the repeats)", "bold", 16);
    text(svg, RATIO_X, 24, "median ratio ours / peer (min–max)", "bold", 13);
    int y = TOP;
    for (RowResult row : rows) {
      row(svg, row, y);
      y += ROW_HEIGHT;
    }
    legend(svg, y + 10);
    for (String run : runs) {
      y += 18;
      text(svg, BAR_X, y + 40, shorten(run, 190), "normal", 11, "#4a5568");
    }
    return svg.append("</svg>\n").toString();
  }

  private static void row(StringBuilder svg, RowResult row, int y) {
    String title =
        row.title()
            + " ("
            + row.unit()
            + (row.higherIsBetter() ? ", higher" : ", lower")
            + " is better)";
    text(svg, BAR_X, y + 14, title, "bold", 13);
    if (!row.ok()) {
      text(svg, BAR_X, y + 38, "FAILED: " + shorten(row.failure(), 110), "normal", 12, MISSED);
      return;
    }
    double ours = row.oursMedian();
    double peer = row.peerMedian();
    double max = Math.max(ours, peer);
    bar(
        svg,
        y + 22,
        peer / max,
        PEER,
        BenchFormat.figure(peer) + " " + row.unit() + "  " + row.peer());
    bar(
        svg,
        y + 22 + BAR_HEIGHT + 4,
        ours / max,
        OURS,
        BenchFormat.figure(ours) + " " + row.unit() + "  " + row.ours());
    boolean met = row.goalMet();
    text(svg, RATIO_X, y + 34, BenchFormat.ratioRange(row), "bold", 15, met ? MET : MISSED);
    text(
        svg,
        RATIO_X,
        y + 52,
        "goal " + row.goalBound().text() + ": " + (met ? "met" : "not met"),
        "normal",
        12,
        met ? MET : MISSED);
  }

  private static void bar(StringBuilder svg, int y, double share, String color, String label) {
    int length = (int) Math.max(2, Math.round(share * BAR_MAX));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
            BAR_X,
            y,
            length,
            BAR_HEIGHT,
            color));
    text(svg, BAR_X + length + 6, y + BAR_HEIGHT - 3, shorten(label, 72), "normal", 11, "#1a202c");
  }

  private static void legend(StringBuilder svg, int y) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>\n"
                + "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>\n",
            BAR_X,
            y,
            OURS,
            BAR_X + 90,
            y,
            PEER));
    text(svg, BAR_X + 20, y + 12, "Spillway", "normal", 12);
    text(svg, BAR_X + 110, y + 12, "peer or limit; bars scaled per row", "normal", 12);
  }

  private static void text(StringBuilder svg, int x, int y, String text, String weight, int size) {
    text(svg, x, y, text, weight, size, "#1a202c");
  }

  private static void text(
      StringBuilder svg, int x, int y, String text, String weight, int size, String color) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>\n",
            x,
            y,
            weight,
            size,
            color,
            escape(text)));
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
