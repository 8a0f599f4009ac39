package io.spillway.connect.flinkupsert.format;

import org.apache.kafka.connect.data.Schema;

/**
 * Writes one row (the key row or the value row of an upsert event) as the bytes a Flink format
 * ({@code json}, {@code avro-confluent}, {@code raw}) reads back into the same row.
 *
 * <p>A row is a {@link org.apache.kafka.connect.data.Struct} with its STRUCT schema, columns in
 * schema order, or, for schemaless data, a {@code Map<String, Object>} with a null schema, columns
 * in the map's iteration order. Formats that need a schema (Avro) refuse schemaless rows with a
 * {@link org.apache.kafka.connect.errors.DataException} naming the reason.
 */
public interface RowSerializer extends AutoCloseable {

  /**
   * @param topic the target topic (Avro registers its schema under the topic's subject)
   * @param schema the row's STRUCT schema, or null for a schemaless map
   * @param row the row: a Struct or a Map; never null (a delete has no value row at all)
   */
  byte[] serialize(String topic, Schema schema, Object row);

  @Override
  default void close() {}
}
