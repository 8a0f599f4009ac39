package io.spillway.connect.common.flatten;

import java.util.Objects;
import org.apache.kafka.connect.data.Schema;

/**
 * One column of a flattened row. {@code schema} is the Connect type of this value; it is {@code
 * null} only for a JSON null whose type is not known yet, so that a null never fixes a column's
 * type.
 */
public record FlatColumn(String name, Schema schema, Object value) {

  public FlatColumn {
    Objects.requireNonNull(name, "name");
    if (schema == null && value != null) {
      throw new IllegalArgumentException("column '" + name + "' has a value but no schema");
    }
  }

  public static FlatColumn untypedNull(String name) {
    return new FlatColumn(name, null, null);
  }
}
