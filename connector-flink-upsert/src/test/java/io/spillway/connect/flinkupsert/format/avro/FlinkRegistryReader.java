package io.spillway.connect.flinkupsert.format.avro;

import io.spillway.connect.common.avro.SchemaRegistryClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.avro.AvroToRowDataConverters;
import org.apache.flink.formats.avro.RegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.SchemaCoder;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Flink's avro-confluent reader for one table, as flink-avro-confluent-registry 2.2 assembles it
 * ({@code RegistryAvroFormatFactory}): an {@link AvroRowDataDeserializationSchema} over a {@link
 * RegistryAvroDeserializationSchema} whose reader schema is {@code
 * AvroSchemaConverter.convertToSchema(rowType)}. Only the {@link SchemaCoder} is ours: Flink's
 * {@code ConfluentSchemaRegistryCoder} needs Confluent's client, which our package registries do
 * not serve; this one reads the same header (magic 0, 4-byte id) and fetches the writer schema by
 * id from the registry.
 */
final class FlinkRegistryReader {
  private final AvroRowDataDeserializationSchema flink;

  FlinkRegistryReader(RowType table, String registryUrl) {
    RegistryAvroDeserializationSchema<GenericRecord> avro =
        new RegistryAvroDeserializationSchema<>(
            GenericRecord.class,
            AvroSchemaConverter.convertToSchema(table),
            new ConfluentCoderProvider(registryUrl));
    this.flink =
        new AvroRowDataDeserializationSchema(
            avro, AvroToRowDataConverters.createRowConverter(table), null);
  }

  RowData read(byte[] message) throws IOException {
    return flink.deserialize(message);
  }

  /** Serializable, as Flink ships it to its task managers. */
  private record ConfluentCoderProvider(String url) implements SchemaCoder.SchemaCoderProvider {
    private static final long serialVersionUID = 1L;

    @Override
    public SchemaCoder get() {
      return new ConfluentWireCoder(
          new SchemaRegistryClient(List.of(url), null, Duration.ofSeconds(5)));
    }
  }

  /** What ConfluentSchemaRegistryCoder.readSchema does: magic byte 0, then the id, then fetch. */
  private record ConfluentWireCoder(SchemaRegistryClient registry) implements SchemaCoder {
    @Override
    public Schema readSchema(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      if (data.readByte() != 0) {
        throw new IOException("Unknown data format. Magic number does not match");
      }
      return registry.schemaById(data.readInt());
    }

    @Override
    public void writeSchema(Schema schema, OutputStream out) {
      throw new UnsupportedOperationException("this coder only reads");
    }
  }
}
