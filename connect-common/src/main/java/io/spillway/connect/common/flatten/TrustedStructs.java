package io.spillway.connect.common.flatten;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Fills a row's {@link Struct} without {@link Struct#put(Field, Object)}'s per-call cost: Kafka's
 * put builds the text {@code field: "<name>"} for a possible error message on every call (a fifth
 * of the time of flattening a small JSON record), then looks up the classes the schema accepts.
 * Values get the same check ({@link
 * ConnectSchema#validateValue(org.apache.kafka.connect.data.Schema, Object)}); for a scalar column,
 * whose check depends only on the value's class, the class it accepted is remembered and later
 * values of that class skip it. A value that fails goes through {@code put}, which throws the usual
 * exception. Where Struct's value array cannot be reached (another Kafka version, a module layer
 * that does not open it), every value goes through {@code put}.
 */
final class TrustedStructs {
  private static final VarHandle VALUES = valuesHandle();

  private TrustedStructs() {}

  /** Whether values are written straight into Struct's array (else through {@code put}). */
  static boolean direct() {
    return VALUES != null;
  }

  /**
   * A Struct of {@code fields}' schema holding each column's value; {@code fields[i]} is column
   * {@code i}'s field, or null for a column the schema leaves out. {@code accepted[i]} caches the
   * value class that passed the check for column {@code i}.
   */
  static Struct fill(Struct struct, Field[] fields, Class<?>[] accepted, List<FlatColumn> columns) {
    Object[] values = VALUES == null ? null : (Object[]) VALUES.get(struct);
    for (int i = 0; i < fields.length; i++) {
      Object value = columns.get(i).value();
      Field field = fields[i];
      if (value == null || field == null) {
        continue;
      }
      if (values != null && (value.getClass() == accepted[i] || fits(field, value, accepted, i))) {
        values[field.index()] = value;
      } else {
        struct.put(field, value);
      }
    }
    return struct;
  }

  private static boolean fits(Field field, Object value, Class<?>[] accepted, int i) {
    try {
      ConnectSchema.validateValue(field.schema(), value);
    } catch (DataException e) {
      return false; // put() throws it again, naming the field
    }
    if (field.schema().type().isPrimitive()) {
      accepted[i] = value.getClass(); // beyond the class, only containers' contents are checked
    }
    return true;
  }

  private static VarHandle valuesHandle() {
    try {
      return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
          .findVarHandle(Struct.class, "values", Object[].class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
