package io.spillway.connect.common.flatten;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A list of column names for a column policy: no blanks, and never {@code partition} or {@code
 * offset}, which together are every row's primary key.
 */
public final class ColumnNamesValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return;
    }
    for (Object item : (List<?>) value) {
      String column = item.toString().trim();
      if (column.isEmpty()) {
        throw new ConfigException(name, value, "column names must not be blank");
      }
      if (Columns.isPrimaryKey(column)) {
        throw new ConfigException(
            name,
            value,
            "'" + column + "' is part of every row's primary key and cannot be changed");
      }
    }
  }

  @Override
  public String toString() {
    return "column names, except partition and offset";
  }
}
