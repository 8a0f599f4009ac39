package io.spillway.connect.tablestore.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attribute columns a table takes: {@code tablestore.<table>.columns.whitelist.name} / {@code
 * .type}. Without them every field of the record that is not a primary key column is written.
 */
public final class WhitelistConfig {
  public static final String NAMES_TEMPLATE = "tablestore.%s.columns.whitelist.name";
  public static final String TYPES_TEMPLATE = "tablestore.%s.columns.whitelist.type";

  /** One whitelisted column. */
  public record Column(String name, AttributeType type) {}

  private WhitelistConfig() {}

  /** The whitelist of {@code table}; empty means every field. */
  public static List<Column> columns(Map<String, String> props, String table) {
    return TableKeys.columns(
        props,
        String.format(NAMES_TEMPLATE, table),
        String.format(TYPES_TEMPLATE, table),
        (name, type) -> new Column(name, AttributeType.valueOf(type.toUpperCase(Locale.ROOT))),
        TableKeys.lowerNames(AttributeType.values()));
  }

  public static List<Map.Entry<String, String>> errors(
      Map<String, String> props, Collection<String> tables) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    for (String table : tables) {
      try {
        columns(props, table);
      } catch (TableKeys.PairException e) {
        errors.add(Map.entry(e.key, e.getMessage()));
      }
    }
    return errors;
  }
}
