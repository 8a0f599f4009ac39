package io.spillway.connect.flinkupsert.format;

import io.spillway.connect.flinkupsert.FlinkUpsertSinkConfig;
import io.spillway.connect.flinkupsert.config.FormatConfig;
import io.spillway.connect.flinkupsert.format.avro.AvroConfluentRowSerializer;
import io.spillway.connect.flinkupsert.format.avro.RegistryConfig;
import org.apache.kafka.common.config.ConfigException;

/** Builds the serializer of a Flink format name, the one place a new format plugs in. */
public final class RowSerializers {
  private RowSerializers() {}

  /**
   * @param format Flink's format name: json, avro-confluent or raw
   * @param isKey whether the serializer writes the key row (Avro registers {@code <topic>-key})
   */
  public static RowSerializer create(String format, boolean isKey, FlinkUpsertSinkConfig config) {
    return switch (format) {
      case FormatConfig.JSON ->
          new JsonRowSerializer(config.timestampStandard(), config.decimalsAsPlainNumbers());
      case FormatConfig.RAW -> new RawKeySerializer();
      case FormatConfig.AVRO_CONFLUENT -> avroConfluent(isKey, config);
      default -> throw new ConfigException("Unknown format: " + format);
    };
  }

  /** Confluent wire format, schemas registered under {@code <topic>-key} / {@code -value}. */
  private static RowSerializer avroConfluent(boolean isKey, FlinkUpsertSinkConfig config) {
    return new AvroConfluentRowSerializer(
        RegistryConfig.client(config),
        isKey ? RegistryConfig.keySubjects(config) : RegistryConfig.valueSubjects(config));
  }
}
