package io.spillway.connect.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark class the way every bench runner does. Arguments: forks, warmup
 * iterations, measurement iterations, seconds per iteration (defaults 2 5 5 2).
 */
final class JmhRuns {
  private JmhRuns() {}

  static Collection<RunResult> run(Class<?> benchmark, String[] args) throws RunnerException {
    int seconds = arg(args, 3, 2);
    Options options =
        new OptionsBuilder()
            .include(benchmark.getName())
            .forks(arg(args, 0, 2))
            .warmupIterations(arg(args, 1, 5))
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(arg(args, 2, 5))
            .measurementTime(TimeValue.seconds(seconds))
            .jvmArgsAppend("-Xmx1g")
            .build();
    return new Runner(options).run();
  }

  /** The benchmark method's name, without its class. */
  static String method(RunResult result) {
    String name = result.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
