package io.spillway.connect.common.flatten;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Fills a {@link Struct} without {@link Struct#put(Field, Object)}'s per-call cost: Kafka's put
 * builds the text {@code field: "<name>"} for a possible error message on every call, which was a
 * fifth of the time of flattening a small JSON record. Values get the same check ({@link
 * ConnectSchema#validateValue(org.apache.kafka.connect.data.Schema, Object)}) and a value that
 * fails it goes through {@code put}, which throws the usual exception. Where Struct's value array
 * cannot be reached (another Kafka version, a module layer that does not open it), every value goes
 * through {@code put}.
 */
final class TrustedStructs {
  private static final VarHandle VALUES = valuesHandle();

  private TrustedStructs() {}

  /** Struct's own value array, or {@code null} when only {@code put} can write it. */
  static Object[] values(Struct struct) {
    return VALUES == null ? null : (Object[]) VALUES.get(struct);
  }

  /** Puts the value into the struct (whose value array, from {@link #values}, may be null). */
  static void put(Struct struct, Object[] values, Field field, Object value) {
    if (values != null && fits(field, value)) {
      values[field.index()] = value;
    } else {
      struct.put(field, value);
    }
  }

  private static boolean fits(Field field, Object value) {
    try {
      ConnectSchema.validateValue(field.schema(), value);
      return true;
    } catch (DataException e) {
      return false; // put() throws it again, naming the field
    }
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
