package io.spillway.connect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much heap a JVM used, read from the G1 log {@link #jvmOption} makes it write: the most heap
 * in use before any GC pause (or at exit), the most still in use after one (the live data), the
 * number of pauses and the JVM's maximum heap.
 *
 * @param peakMib the high-water mark: the largest occupancy before a pause or at a clean exit
 * @param afterGcMib the largest occupancy right after a pause
 * @param pauses GC pauses logged
 * @param maxMib the JVM's maximum heap (its {@code -Xmx}), 0 when the log does not say
 */
public record HeapHighWater(int peakMib, int afterGcMib, int pauses, int maxMib) {
  // G1's line of each pause: "... Pause Young (Normal) (G1 Evacuation Pause) 301M->122M(512M)
  // 4.3ms"
  private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  // At exit (SIGTERM included): " garbage-first heap   total 389120K, used 118708K [...]"
  private static final Pattern EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern MAX = Pattern.compile("Heap Max Capacity: (\\d+)M");

  /** The JVM option that writes the log this class reads (pauses, heap sizes, heap at exit). */
  public static String jvmOption(Path gcLog) {
    return "-Xlog:gc,gc+init,gc+heap+exit:file=" + gcLog;
  }

  /** Reads a log written with {@link #jvmOption}; all zero when it holds no heap figures. */
  public static HeapHighWater read(Path gcLog) {
    int peak = 0;
    int after = 0;
    int pauses = 0;
    int max = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher pause = PAUSE.matcher(line);
        Matcher exit = EXIT.matcher(line);
        Matcher capacity = MAX.matcher(line);
        if (pause.find()) {
          peak = Math.max(peak, Integer.parseInt(pause.group(1)));
          after = Math.max(after, Integer.parseInt(pause.group(2)));
          pauses++;
        } else if (exit.find()) {
          peak = Math.max(peak, (int) (Long.parseLong(exit.group(1)) / 1024));
        } else if (capacity.find()) {
          max = Integer.parseInt(capacity.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the GC log " + gcLog, e);
    }
    return new HeapHighWater(peak, after, pauses, max);
  }
}
