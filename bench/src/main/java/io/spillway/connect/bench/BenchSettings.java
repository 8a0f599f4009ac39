package io.spillway.connect.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Connector settings given to a bench on the command line, for A/B runs. */
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
}
