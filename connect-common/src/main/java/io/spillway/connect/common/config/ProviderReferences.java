package io.spillway.connect.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config provider references ({@code ${env:KAFKA_PREFIX}}, {@code ${file:/path:key}}) still in a
 * value when it reaches the plugin. The worker leaves a reference as it is when its provider is not
 * configured or has no such variable, so without this check an unset variable would run as the
 * literal text, often quietly (a topic prefix that matches nothing, say).
 */
public final class ProviderReferences {
  /** {@code ${provider:[path:]key}}, as Kafka's ConfigTransformer matches them. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}:]+:[^}]*\\}");

  private ProviderReferences() {}

  /** (key, problem) pairs for each setting whose value still holds a reference. */
  public static List<Map.Entry<String, String>> unresolved(Map<String, ?> originals) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    new TreeMap<>(originals)
        .forEach(
            (key, value) -> {
              Matcher matcher = REFERENCE.matcher(String.valueOf(value));
              if (value instanceof String && matcher.find()) {
                errors.add(
                    Map.entry(
                        key,
                        "still reads "
                            + matcher.group()
                            + " after the worker's config providers ran: the variable is not set"
                            + " where the worker runs, or the worker's config.providers do not"
                            + " declare that provider"));
              }
            });
    return errors;
  }
}
