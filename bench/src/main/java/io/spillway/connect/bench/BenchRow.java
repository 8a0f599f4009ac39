package io.spillway.connect.bench;

/**
 * One row of the published benchmark report ({@code docs/benchmarks.md}): one of our plugins
 * against what a user would run instead (or a practical limit), on the same data set, in the same
 * run, judged on the median paired ratio ours / peer over rotated repeats ({@link BenchAll}).
 *
 * <p>Adding a row is one class implementing this, listed in {@link BenchRows}. Rows of one {@link
 * #group()} share one environment (clusters, database, produced data) through {@link Fixtures}, and
 * a contestant instance two rows share (the same object) runs once per repeat for both.
 */
public interface BenchRow {
  /** Name on the command line ({@code --rows=...}) and in the results: lower case, dashes. */
  String id();

  /** The row's title in the report, e.g. {@code redshift-sink upsert, defaults}. */
  String title();

  /** Rows of one group are set up together, run their repeats together, then torn down. */
  String group();

  /** What each contestant's figure measures. */
  Unit unit();

  /** The goal for the median paired ratio ours / peer. */
  Goal goal();

  /**
   * What is known about where the time goes (a profile's finding, the bottleneck), said beside the
   * row when its goal is missed; empty when nothing is known yet.
   */
  default String finding() {
    return "";
  }

  /**
   * Sets up (or takes from the group's fixtures) the data set and both contestants, sized by {@code
   * scale}.
   */
  Setup prepare(Fixtures fixtures, Scale scale) throws Exception;

  /** A row ready to run: its data set, our contestant and the peer (or limit). */
  record Setup(DataSet data, Contestant ours, Contestant peer) {}

  /** The unit of a figure, and which way is better. */
  record Unit(String symbol, boolean higherIsBetter) {
    static final Unit RECORDS_PER_SECOND = new Unit("records/s", true);
    static final Unit NANOS_PER_RECORD = new Unit("ns/record", false);
    static final Unit MIB = new Unit("MiB", false);
  }

  /** A bound on the ratio ours / peer: at least (throughput) or at most (cost) {@code ratio}. */
  record Goal(double ratio, boolean atLeast) {
    static Goal atLeast(double ratio) {
      return new Goal(ratio, true);
    }

    static Goal atMost(double ratio) {
      return new Goal(ratio, false);
    }

    boolean metBy(double value) {
      return atLeast ? value >= ratio : value <= ratio;
    }

    String text() {
      return (atLeast ? "≥ " : "≤ ") + BenchFormat.ratio(ratio);
    }
  }

  /** What a row moves: record count, key + value bytes, keys, and a line that says the rest. */
  record DataSet(long records, long bytes, String keys, String description) {}
}
