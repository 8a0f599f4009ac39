package io.spillway.connect.common.flatten;

import io.spillway.connect.common.json.ValueText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The type lattice of value columns: a column's type only ever widens (int → bigger int → float64 →
 * string; decimals to the larger scale; anything else that disagrees → string), so a field whose
 * type changes across messages never fails a task.
 */
public final class TypeWidening {
  private TypeWidening() {}

  /** The narrowest optional type that holds values of both; {@code current} itself if it fits. */
  public static Schema widen(Schema current, Schema incoming) {
    if (incoming == null || sameType(current, incoming)) {
      return current;
    }
    Schema.Type a = current.type();
    Schema.Type b = incoming.type();
    if (current.name() == null && incoming.name() == null) {
      if (isInteger(a) && isInteger(b)) {
        return rank(a) >= rank(b) ? current : optional(incoming);
      }
      if (isNumber(a) && isNumber(b)) {
        return a == Schema.Type.FLOAT64 ? current : Schema.OPTIONAL_FLOAT64_SCHEMA;
      }
    }
    if (Decimal.LOGICAL_NAME.equals(current.name())
        && Decimal.LOGICAL_NAME.equals(incoming.name())) {
      return scale(current) >= scale(incoming)
          ? current
          : Decimal.builder(scale(incoming)).optional().build();
    }
    return a == Schema.Type.STRING && current.name() == null
        ? current
        : Schema.OPTIONAL_STRING_SCHEMA;
  }

  /** Converts a value of type {@code from} into a column of (wider or equal) type {@code to}. */
  public static Object coerce(Object value, Schema from, Schema to) {
    if (value == null || from == to) {
      return value;
    }
    switch (to.type()) {
      case INT8:
        return ((Number) value).byteValue();
      case INT16:
        return ((Number) value).shortValue();
      case INT32:
        return ((Number) value).intValue();
      case INT64:
        return ((Number) value).longValue();
      case FLOAT64:
        return ((Number) value).doubleValue();
      case STRING:
        return ValueText.of(from, value);
      case BYTES:
        if (Decimal.LOGICAL_NAME.equals(to.name())) {
          return ((BigDecimal) value).setScale(scale(to), RoundingMode.UNNECESSARY);
        }
        return value;
      default:
        return value;
    }
  }

  public static Schema optional(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    SchemaBuilder builder = new SchemaBuilder(schema.type()).optional();
    if (schema.name() != null) {
      builder.name(schema.name());
    }
    if (schema.version() != null) {
      builder.version(schema.version());
    }
    if (schema.doc() != null) {
      builder.doc(schema.doc());
    }
    if (schema.parameters() != null) {
      builder.parameters(schema.parameters());
    }
    return builder.build();
  }

  static boolean sameType(Schema a, Schema b) {
    return a == b
        || (a.type() == b.type()
            && Objects.equals(a.name(), b.name())
            && Objects.equals(a.parameters(), b.parameters()));
  }

  private static boolean isInteger(Schema.Type type) {
    return type == Schema.Type.INT8
        || type == Schema.Type.INT16
        || type == Schema.Type.INT32
        || type == Schema.Type.INT64;
  }

  private static boolean isNumber(Schema.Type type) {
    return isInteger(type) || type == Schema.Type.FLOAT32 || type == Schema.Type.FLOAT64;
  }

  private static int rank(Schema.Type type) {
    return switch (type) {
      case INT8 -> 1;
      case INT16 -> 2;
      case INT32 -> 3;
      default -> 4;
    };
  }

  private static int scale(Schema decimal) {
    return Integer.parseInt(decimal.parameters().get(Decimal.SCALE_FIELD));
  }
}
