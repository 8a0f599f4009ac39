package io.spillway.connect.flinkupsert.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.common.avro.ConfluentAvroDecoder;
import io.spillway.connect.common.avro.ConfluentAvroDecoder.AvroDatum;
import io.spillway.connect.common.avro.SchemaRegistryClient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads an avro-confluent target topic back with a plain consumer and decodes key and value with
 * connect-common's Confluent decoding (writer schema fetched by the id in each record), as a Flink
 * or Kafka Streams reader would: the final compacted table (latest value per key, null for a
 * tombstone) in plain Java values, comparable with {@link AvroChanges#model()}.
 */
final class AvroTarget {
  private final String bootstrap;
  private final String topic;
  private final ConfluentAvroDecoder decoder;

  AvroTarget(String bootstrap, String topic, String registryUrl, String userInfo) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.decoder =
        new ConfluentAvroDecoder(
            new SchemaRegistryClient(List.of(registryUrl), userInfo, Duration.ofSeconds(30)));
  }

  /** One target record decoded: key and value rows with their writer schemas' column names. */
  record Decoded(
      int partition,
      byte[] keyBytes,
      List<Object> key,
      List<String> keyColumns,
      Map<String, Object> value,
      List<String> valueColumns) {}

  /** Every record of the topic, in offset order per partition. */
  List<Decoded> readAll() {
    return TargetTopic.readAll(bootstrap, topic).stream().map(this::decode).toList();
  }

  private Decoded decode(ConsumerRecord<byte[], byte[]> record) {
    GenericRecord key = (GenericRecord) decoder.decode(record.key()).value();
    List<Object> keyValues = new ArrayList<>();
    for (Schema.Field field : key.getSchema().getFields()) {
      keyValues.add(plain(field.schema(), key.get(field.pos())));
    }
    if (record.value() == null) {
      return new Decoded(
          record.partition(), record.key(), keyValues, columns(key.getSchema()), null, null);
    }
    AvroDatum datum = decoder.decode(record.value());
    GenericRecord value = (GenericRecord) datum.value();
    Map<String, Object> row = new LinkedHashMap<>();
    for (Schema.Field field : value.getSchema().getFields()) {
      row.put(field.name(), plain(field.schema(), value.get(field.pos())));
    }
    return new Decoded(
        record.partition(),
        record.key(),
        keyValues,
        columns(key.getSchema()),
        row,
        columns(datum.schema()));
  }

  /** The compacted state a reader ends with: latest row per key, null for a tombstone. */
  static Map<List<Object>, Map<String, Object>> compacted(List<Decoded> records) {
    return TargetTopic.compacted(records, Decoded::key, Decoded::value);
  }

  /** Every key in the partition Kafka's default partitioner gives its bytes, as Flink's sink. */
  static void assertMurmur2Partitions(List<Decoded> records, int partitions) {
    for (Decoded record : records) {
      assertEquals(
          TargetTopic.murmur2Partition(record.keyBytes(), partitions),
          record.partition(),
          "key " + record.key() + " in murmur2's partition");
    }
  }

  static List<String> columns(Schema record) {
    return record.getFields().stream().map(Schema.Field::name).toList();
  }

  /** An Avro datum as a plain Java value: the logical types decoded, strings as String. */
  private static Object plain(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema.getType() == Schema.Type.UNION) {
      schema = schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
    }
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      ByteBuffer buffer = ((ByteBuffer) value).duplicate();
      byte[] unscaled = new byte[buffer.remaining()];
      buffer.get(unscaled);
      return new BigDecimal(new BigInteger(unscaled), decimal.getScale());
    }
    if (logical instanceof LogicalTypes.Date) {
      return LocalDate.ofEpochDay((Integer) value);
    }
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli((Long) value);
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    return value;
  }
}
