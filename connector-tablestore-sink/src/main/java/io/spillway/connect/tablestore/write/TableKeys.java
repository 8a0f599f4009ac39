package io.spillway.connect.tablestore.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the per-table settings whose key holds the table name ({@code
 * tablestore.<table>.primarykey.name}, {@code tablestore.<table>.columns.whitelist.type}, ...):
 * comma-separated names and the same number of types. They are not in the ConfigDef (the table
 * names are the user's), so they are read from the connector's raw settings.
 */
final class TableKeys {
  private TableKeys() {}

  /** Thrown for a malformed pair of name/type settings, naming the key to fix. */
  static final class PairException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String key;

    PairException(String key, String message) {
      super(message);
      this.key = key;
    }
  }

  /**
   * The (name, type) columns of a pair of settings; empty when the names are unset. Names must be
   * unique and non-empty, types one per name and valid.
   */
  static <T> List<T> columns(
      Map<String, String> props,
      String namesKey,
      String typesKey,
      BiFunction<String, String, T> column,
      Set<String> validTypes) {
    String names = props.getOrDefault(namesKey, "").trim();
    if (names.isEmpty()) {
      return List.of();
    }
    String[] nameList = names.split(",", -1);
    String[] typeList = props.getOrDefault(typesKey, "").trim().split(",", -1);
    if (nameList.length != typeList.length) {
      throw new PairException(
          typesKey,
          "gives "
              + typeList.length
              + " types for the "
              + nameList.length
              + " names of "
              + namesKey
              + " ("
              + names
              + ")");
    }
    Set<String> seen = new HashSet<>();
    List<T> columns = new ArrayList<>(nameList.length);
    for (int i = 0; i < nameList.length; i++) {
      String name = nameList[i].trim();
      if (name.isEmpty() || !seen.add(name)) {
        throw new PairException(
            namesKey, name.isEmpty() ? "has an empty name" : "names '" + name + "' twice");
      }
      String type = typeList[i].trim().toLowerCase(Locale.ROOT);
      if (!validTypes.contains(type)) {
        throw new PairException(
            typesKey,
            "'" + typeList[i].trim() + "' is not one of " + String.join(", ", validTypes));
      }
      columns.add(column.apply(name, type));
    }
    return columns;
  }

  static Set<String> lowerNames(Enum<?>[] values) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Enum<?> value : values) {
      names.add(value.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
