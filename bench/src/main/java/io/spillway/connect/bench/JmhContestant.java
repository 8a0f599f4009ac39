package io.spillway.connect.bench;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One JMH benchmark method as a contestant: each run is one fresh fork (5 warm-up and 5 measured
 * iterations of 2 s at full size, of 1 s below it, one of 0.1 s for a smoke run); the figure is
 * JMH's score (ns/op with the benchmark's AverageTime mode). The "final state" is the method's
 * result, checked in this JVM by the row's {@link Check}.
 */
final class JmhContestant implements Contestant {
  /** Throws unless the benchmark method computes what it should. */
  interface Check {
    void verify() throws Exception;
  }

  private static final int LOCK_WAIT_MINUTES = 15;

  private final Class<?> benchmark;
  private final String method;
  private final String label;
  private final String settings;
  private final Scale scale;
  private final Check check;
  private double lastScore = Double.NaN;

  JmhContestant(
      Class<?> benchmark, String method, String label, String settings, Scale scale, Check check) {
    this.benchmark = benchmark;
    this.method = method;
    this.label = label;
    this.settings = settings;
    this.scale = scale;
    this.check = check;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String settings() {
    return settings + "; JMH " + describe();
  }

  private String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "1 fork per repeat, %d warm-up + %d measured iterations of %s s, -Xmx1g",
        iterations(),
        iterations(),
        BenchFormat.number(seconds()));
  }

  private int iterations() {
    return scale.smoke() ? 1 : 5;
  }

  private double seconds() {
    // Not scaled down further: on a busy machine the JIT needs seconds before the score settles.
    return scale.smoke() ? 0.1 : scale.factor() >= 1 ? 2 : 1;
  }

  /** JMH's warm-up iterations warm every fork; here only the result is checked once. */
  @Override
  public void warmUp() throws Exception {
    check.verify();
  }

  @Override
  public double run() throws Exception {
    TimeValue time = TimeValue.milliseconds(Math.round(seconds() * 1000));
    Options options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName() + "." + method) + "$")
            .forks(1)
            .warmupIterations(iterations())
            .warmupTime(time)
            .measurementIterations(iterations())
            .measurementTime(time)
            .jvmArgsAppend("-Xmx1g")
            .build();
    Collection<RunResult> results = runWhenFree(options);
    if (results.size() != 1) {
      throw new IllegalStateException(
          "JMH ran " + results.size() + " benchmarks for " + benchmark.getName() + "." + method);
    }
    lastScore = results.iterator().next().getPrimaryResult().getScore();
    return lastScore;
  }

  /**
   * Runs JMH, waiting (up to {@value #LOCK_WAIT_MINUTES} minutes) while another JMH run on this
   * machine holds its lock file: two at once would each measure the other's load.
   */
  private static Collection<RunResult> runWhenFree(Options options) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LOCK_WAIT_MINUTES);
    while (true) {
      try {
        return new Runner(options).run();
      } catch (RunnerException e) {
        if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > deadline) {
          throw e;
        }
        BenchAll.log("Another JMH run holds its lock; waiting");
        Thread.sleep(5_000);
      }
    }
  }

  @Override
  public void checkFinalState() throws Exception {
    if (!(lastScore > 0) || Double.isInfinite(lastScore)) {
      throw new IllegalStateException(method + ": JMH score " + lastScore);
    }
    check.verify();
  }
}
