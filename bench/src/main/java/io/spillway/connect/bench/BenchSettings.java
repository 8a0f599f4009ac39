package io.spillway.connect.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Variants and connector settings given to a bench on the command line, for A/B runs. */
final class BenchSettings {
  private BenchSettings() {}

  /** {@code k=v,k=v} from the system property {@code name}; empty when it is not set. */
  static Map<String, String> fromProperty(String name) {
    Map<String, String> config = new LinkedHashMap<>();
    for (String pair : System.getProperty(name, "").split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        config.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return Collections.unmodifiableMap(config);
  }

  /**
   * All variants, or those named (comma-separated enum names, any case) in the system property
   * {@code bench.variants}, e.g. to profile one variant without the others' samples.
   */
  static <E extends Enum<E>> List<E> variants(Class<E> type) {
    String names = System.getProperty("bench.variants", "");
    if (names.isBlank()) {
      return List.of(type.getEnumConstants());
    }
    return Arrays.stream(names.split(","))
        .map(name -> Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)))
        .distinct()
        .toList();
  }
}
