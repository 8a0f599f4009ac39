package io.spillway.connect.tablestore.write;

import java.util.Map;

/**
 * Topic to table: an explicit {@code topics.assign.tables} entry, else {@code table.name.format}
 * with {@code <topic>} or {@code ${topic}} replaced by the topic.
 */
public final class TableNames {
  private final String format;
  private final Map<String, String> assigned;

  public TableNames(String format, Map<String, String> assigned) {
    this.format = format.trim();
    this.assigned = Map.copyOf(assigned);
  }

  public String tableOf(String topic) {
    String table = assigned.get(topic);
    if (table != null) {
      return table;
    }
    return format.replace("<topic>", topic).replace("${topic}", topic);
  }
}
