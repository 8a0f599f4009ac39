package io.spillway.connect.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When, at what size and on what machine a row was measured: each row of the report carries its
 * own, since a {@code --rows} run replaces only its rows.
 */
record RunInfo(
    String date,
    String scale,
    double factor,
    int repeats,
    int cores,
    double memoryGib,
    String jvm,
    String os,
    String loadAtStart,
    String loadAtEnd,
    String note) {

  /** The machine as it is now; {@code loadAtEnd} is filled by {@link #finished()}. */
  static RunInfo now(Scale scale, int repeats, String note) {
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return new RunInfo(
        Instant.now().truncatedTo(ChronoUnit.MINUTES).toString(),
        scale.name(),
        scale.factor(),
        repeats,
        Runtime.getRuntime().availableProcessors(),
        Math.round(memory / (double) (1L << 30) * 10) / 10.0,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        loadAverage(),
        "",
        note == null ? "" : note);
  }

  RunInfo finished() {
    return new RunInfo(
        date, scale, factor, repeats, cores, memoryGib, jvm, os, loadAtStart, loadAverage(), note);
  }

  /** The 1, 5 and 15 minute load averages (Linux), or "n/a". */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** One line: date, size, machine. */
  String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "%s, %s size (×%s), %d repeats; %d cores, %.1f GiB, %s; load average %s at start, %s at"
            + " end%s",
        date,
        scale,
        BenchFormat.number(factor),
        repeats,
        cores,
        memoryGib,
        jvm,
        loadAtStart,
        loadAtEnd,
        note.isBlank() ? "" : "; " + note);
  }
}
