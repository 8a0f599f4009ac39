package io.spillway.connect.common.flatten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Date;
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

  @Test
  void fillsTheSameStructAsPut() {
    Struct expected = new Struct(SCHEMA);
    Struct filled = new Struct(SCHEMA);
    Object[] values = TrustedStructs.values(filled);
    assertNotNull(values, "the fast path is available on this Kafka version");
    for (Field field : SCHEMA.fields()) {
      Object value = VALUES[field.index()];
      if (value != null) {
        expected.put(field, value);
        TrustedStructs.put(filled, values, field, value);
      }
    }
    filled.validate();
    assertEquals(expected, filled);
    assertEquals(expected.hashCode(), filled.hashCode());
    assertEquals(expected.toString(), filled.toString());
  }

  @Test
  void aValueOfTheWrongTypeFailsAsPutDoes() {
    Field field = SCHEMA.field("value_n");
    DataException fromPut =
        assertThrows(DataException.class, () -> new Struct(SCHEMA).put(field, "not a number"));
    Struct struct = new Struct(SCHEMA);
    DataException fromFill =
        assertThrows(
            DataException.class,
            () -> TrustedStructs.put(struct, TrustedStructs.values(struct), field, "not a number"));
    assertEquals(fromPut.getMessage(), fromFill.getMessage());
  }
}
