package io.spillway.connect.testkit.tablestore;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The instance's tables by name. */
final class MemoryTables {
  private final ConcurrentMap<String, MemoryTable> tables = new ConcurrentHashMap<>();

  void create(TableSchema schema) {
    if (tables.putIfAbsent(schema.name(), new MemoryTable(schema)) != null) {
      throw new OtsException("OTSObjectAlreadyExist", "Requested table already exists.");
    }
  }

  MemoryTable get(String name) {
    MemoryTable table = tables.get(name);
    if (table == null) {
      throw OtsException.tableNotExist();
    }
    return table;
  }

  void delete(String name) {
    if (tables.remove(name) == null) {
      throw OtsException.tableNotExist();
    }
  }

  List<String> names() {
    return tables.keySet().stream().sorted().toList();
  }
}
