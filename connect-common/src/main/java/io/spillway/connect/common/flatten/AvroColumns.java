package io.spillway.connect.common.flatten;

import io.spillway.connect.common.avro.AvroJson;
import io.spillway.connect.common.avro.AvroTypes;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Unpacks an Avro record into one column per first-level field ({@code value_<field>} or {@code
 * key_<field>}), typed by {@link AvroTypes}; nested records, arrays, maps and multi-type unions
 * become JSON text. The per-field plan is computed once per writer schema. Not thread-safe.
 */
public final class AvroColumns {
  private static final int MAX_CACHED_SCHEMAS = 512;

  private record FieldPlan(
      int position,
      String column,
      Schema avro,
      org.apache.kafka.connect.data.Schema type,
      boolean asJson) {}

  private final Map<Schema, FieldPlan[]> plans = new IdentityHashMap<>();

  public void unpack(GenericRecord record, String prefix, List<FlatColumn> out) {
    for (FieldPlan plan : plan(record.getSchema(), prefix)) {
      Object datum = record.get(plan.position());
      Object value;
      if (datum == null) {
        value = null;
      } else if (plan.asJson()) {
        value = AvroJson.of(plan.avro(), datum);
      } else {
        value = AvroTypes.connectValue(plan.avro(), datum);
      }
      out.add(new FlatColumn(plan.column(), plan.type(), value));
    }
  }

  private FieldPlan[] plan(Schema schema, String prefix) {
    FieldPlan[] plan = plans.get(schema);
    if (plan != null && (plan.length == 0 || plan[0].column().startsWith(prefix))) {
      return plan;
    }
    if (plans.size() >= MAX_CACHED_SCHEMAS) {
      plans.clear();
    }
    List<Schema.Field> fields = schema.getFields();
    plan = new FieldPlan[fields.size()];
    for (int i = 0; i < plan.length; i++) {
      Schema.Field field = fields.get(i);
      Schema avro = AvroTypes.unwrapOptional(field.schema());
      boolean nested = isNested(avro);
      plan[i] =
          new FieldPlan(
              field.pos(),
              prefix + field.name(),
              avro,
              nested
                  ? org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA
                  : AvroTypes.connectType(avro),
              nested);
    }
    plans.put(schema, plan);
    return plan;
  }

  private static boolean isNested(Schema avro) {
    return switch (avro.getType()) {
      case RECORD, ARRAY, MAP, UNION -> true;
      default -> false;
    };
  }
}
