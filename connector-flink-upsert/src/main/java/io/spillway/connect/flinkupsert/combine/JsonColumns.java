package io.spillway.connect.flinkupsert.combine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads a value the JSON format wrote back into its columns, in their order, as plain Java values
 * (String, Boolean, Integer/Long/BigInteger, BigDecimal, nested maps and lists) that the JSON
 * format writes again byte for byte: timestamps and dates are already text, and decimals keep their
 * digits as BigDecimal instead of being rounded through double.
 */
final class JsonColumns {
  private static final ObjectReader READER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .readerFor(LinkedHashMap.class);

  private JsonColumns() {}

  /** The columns of a JSON object value; anything else is a DataException naming the topic. */
  static Map<String, Object> read(byte[] value, String topic) {
    try {
      Object row = READER.readValue(value);
      @SuppressWarnings("unchecked")
      Map<String, Object> columns = (Map<String, Object>) row;
      return columns;
    } catch (IOException | ClassCastException e) {
      throw new DataException(
          "combine=merge cannot read a value of target topic "
              + topic
              + " as a JSON object of columns: "
              + e.getMessage(),
          e);
    }
  }
}
