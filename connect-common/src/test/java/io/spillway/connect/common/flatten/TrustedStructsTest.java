package io.spillway.connect.common.flatten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class TrustedStructsTest {
  private static final Schema SCHEMA =
      SchemaBuilder.struct()
          .field("partition", Schema.INT32_SCHEMA)
          .field("timestamp", Timestamp.builder().optional().build())
          .field("value_s", Schema.OPTIONAL_STRING_SCHEMA)
          .field("value_n", Schema.OPTIONAL_INT64_SCHEMA)
          .field("value_d", Decimal.builder(2).optional().build())
          .field("value_empty", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .build();

  private static final Object[] VALUES = {
    3, new Date(1_700_000_000_000L), "text", 42L, new BigDecimal("1.25"), null
  };

  private static final Field[] FIELDS = SCHEMA.fields().toArray(new Field[0]);

  private static List<FlatColumn> columns(Object... values) {
    List<FlatColumn> columns = new ArrayList<>();
    for (Field field : FIELDS) {
      Object value = values[field.index()];
      columns.add(new FlatColumn(field.name(), value == null ? null : field.schema(), value));
    }
    return columns;
  }

  @Test
  void fillsTheSameStructAsPutAgainAndAgain() {
    assertTrue(TrustedStructs.direct(), "the fast path is available on this Kafka version");
    Class<?>[] accepted = new Class<?>[FIELDS.length];
    for (int round = 0; round < 3; round++) { // the second and third find the accepted classes
      Struct expected = new Struct(SCHEMA);
      for (Field field : FIELDS) {
        if (VALUES[field.index()] != null) {
          expected.put(field, VALUES[field.index()]);
        }
      }
      Struct filled = TrustedStructs.fill(new Struct(SCHEMA), FIELDS, accepted, columns(VALUES));
      filled.validate();
      assertEquals(expected, filled);
      assertEquals(expected.hashCode(), filled.hashCode());
      assertEquals(expected.toString(), filled.toString());
    }
    assertEquals(Long.class, accepted[SCHEMA.field("value_n").index()]);
  }

  @Test
  void aValueOfTheWrongTypeFailsAsPutDoesEvenAfterGoodOnes() {
    Field field = SCHEMA.field("value_n");
    DataException fromPut =
        assertThrows(DataException.class, () -> new Struct(SCHEMA).put(field, "not a number"));
    Class<?>[] accepted = new Class<?>[FIELDS.length];
    TrustedStructs.fill(new Struct(SCHEMA), FIELDS, accepted, columns(VALUES));
    Object[] wrong = VALUES.clone();
    wrong[field.index()] = "not a number";
    DataException fromFill =
        assertThrows(
            DataException.class,
            () -> TrustedStructs.fill(new Struct(SCHEMA), FIELDS, accepted, columns(wrong)));
    assertEquals(fromPut.getMessage(), fromFill.getMessage());
  }
}
