package io.spillway.connect.common.flatten;

import com.fasterxml.jackson.core.JsonGenerator;
import io.spillway.connect.common.json.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders record headers as one JSON object. A key that occurs once keeps its name; a key that
 * repeats gets {@code _0}, {@code _1}… in arrival order ({@code a,a,b,c,c,d} → {@code
 * a_0,a_1,b,c_0,c_1,d}). Should a generated name collide with a real key (say {@code a,a,a_0}),
 * further {@code _N} suffixes make it unique, so no header value is ever overwritten.
 */
public final class HeaderColumns {
  private final List<String> keys = new ArrayList<>();
  private final List<String> values = new ArrayList<>();

  /** Appends a header in arrival order; {@code null} text means a header with a null value. */
  public HeaderColumns add(String key, String text) {
    keys.add(key);
    values.add(text);
    return this;
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The headers as a JSON object, or {@code null} when the record has none. */
  public String toJson() {
    if (keys.isEmpty()) {
      return null;
    }
    List<String> names = dedupedNames(keys);
    StringWriter out = new StringWriter(32 * keys.size());
    try (JsonGenerator generator = JsonText.JSON.createGenerator(out)) {
      generator.writeStartObject();
      for (int i = 0; i < names.size(); i++) {
        generator.writeFieldName(names.get(i));
        String value = values.get(i);
        if (value == null) {
          generator.writeNull();
        } else {
          generator.writeString(value);
        }
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Column names for header keys in arrival order, with the dedup suffixes of docs/record-model.md.
   */
  public static List<String> dedupedNames(List<String> keys) {
    Map<String, Integer> occurrences = new HashMap<>();
    for (String key : keys) {
      occurrences.merge(key, 1, Integer::sum);
    }
    if (occurrences.size() == keys.size()) {
      return keys;
    }
    Set<String> taken = new HashSet<>();
    for (String key : keys) {
      if (occurrences.get(key) == 1) {
        taken.add(key);
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>(keys.size());
    for (String key : keys) {
      if (occurrences.get(key) == 1) {
        names.add(key);
        continue;
      }
      int index = seen.merge(key, 1, Integer::sum) - 1;
      String name = key + "_" + index;
      while (!taken.add(name)) {
        name = name + "_" + index;
      }
      names.add(name);
    }
    return names;
  }
}
