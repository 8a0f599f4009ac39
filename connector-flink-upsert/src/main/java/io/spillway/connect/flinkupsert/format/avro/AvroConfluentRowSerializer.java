package io.spillway.connect.flinkupsert.format.avro;

import io.spillway.connect.common.avro.SchemaRegistryClient;
import io.spillway.connect.flinkupsert.format.RowSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Flink's {@code avro-confluent} format: the Confluent wire format (magic byte 0, the 4-byte big
 * endian schema id, the Avro binary datum) with the schema Flink derives for the row ({@link
 * FlinkAvroSchemas}), registered under the topic's subject ({@code <topic>-key} or {@code
 * <topic>-value} unless overridden) the first time a (topic, row schema) pair is seen; the id is
 * cached, so the registry is asked once per schema per task.
 *
 * <p>A registry that cannot be reached throws {@link
 * org.apache.kafka.connect.errors.RetriableException}; a registry that refuses the schema (e.g.
 * incompatible with the subject's earlier versions) and a row that does not fit its schema throw
 * {@link DataException}. Schemaless rows are refused: Avro needs a schema.
 */
public final class AvroConfluentRowSerializer implements RowSerializer {
  private static final byte MAGIC = 0;

  private final SchemaRegistryClient registry;
  private final UnaryOperator<String> subjectOfTopic;
  private final Map<Target, Writer> writers = new HashMap<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private BinaryEncoder encoder;
  private Target lastTarget;
  private Writer lastWriter;

  /**
   * @param registry the schema registry client (one may serve the key and the value serializer)
   * @param subjectOfTopic the subject a target topic's rows are registered under, e.g. {@link
   *     RegistryConfig#keySubjects}
   */
  public AvroConfluentRowSerializer(
      SchemaRegistryClient registry, UnaryOperator<String> subjectOfTopic) {
    this.registry = registry;
    this.subjectOfTopic = subjectOfTopic;
  }

  @Override
  public byte[] serialize(String topic, Schema schema, Object row) {
    if (schema == null) {
      throw new DataException(
          "avro-confluent needs rows with schemas, this one is schemaless: use a converter that"
              + " carries schemas (JsonConverter with schemas.enable=true, AvroConverter,"
              + " ProtobufConverter, ...) or the json format");
    }
    if (!(row instanceof Struct struct)) {
      throw new DataException(
          "avro-confluent writes Struct rows, got " + row.getClass().getSimpleName());
    }
    Writer writer = writer(topic, schema);
    buffer.reset();
    buffer.write(MAGIC);
    buffer.write(writer.id >>> 24);
    buffer.write(writer.id >>> 16);
    buffer.write(writer.id >>> 8);
    buffer.write(writer.id);
    try {
      encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
      writer.datums.write(FlinkAvroDatums.record(schema, writer.avro, struct), encoder);
      encoder.flush();
    } catch (AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new DataException("row does not fit its avro-confluent schema: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataException("cannot encode the row as Avro: " + e, e);
    }
    return buffer.toByteArray();
  }

  private Writer writer(String topic, Schema schema) {
    // Converters hand out one schema instance per schema version: compare by identity first.
    if (lastTarget != null && lastTarget.schema == schema && lastTarget.topic.equals(topic)) {
      return lastWriter;
    }
    Target target = new Target(topic, schema);
    Writer writer = writers.get(target);
    if (writer == null) {
      org.apache.avro.Schema avro = FlinkAvroSchemas.rowSchema(schema);
      int id = registry.register(subjectOfTopic.apply(topic), avro);
      writer = new Writer(id, avro, new GenericDatumWriter<>(avro));
      writers.put(target, writer);
    }
    lastTarget = target;
    lastWriter = writer;
    return writer;
  }

  private record Target(String topic, Schema schema) {}

  private record Writer(int id, org.apache.avro.Schema avro, GenericDatumWriter<Object> datums) {}
}
