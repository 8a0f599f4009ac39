package io.spillway.connect.bench;

import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import io.spillway.connect.common.json.FlatRowJsonConverter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The worker-side cost of writing one flattened row (the source bench's ~1 KB order, packed or
 * unpacked) to bytes: Kafka's JsonConverter against Spillway's byte-identical FlatRowJsonConverter,
 * with {@code schemas.enable=false} as in the source bench.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConverterBenchmark {
  @Param({"packed", "unpacked"})
  public String mode;

  @Param({"JsonConverter", "FlatRowJsonConverter"})
  public String converter;

  private Converter values;
  private Converter typedValues;
  private SchemaAndValue row;
  private byte[] typedMessage;

  @Setup
  public void setUp() {
    Flattener flattener = new Flattener(new FlattenConfig(Map.of(FlattenConfig.MODE, mode)));
    RawRecord record =
        new RawRecord(
            new RecordPosition("orders", 0, 42L),
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            OrderJson.key(42),
            OrderJson.value(42),
            List.of());
    row = new FlatRows().toConnect(flattener.flatten(record));
    values = "JsonConverter".equals(converter) ? new JsonConverter() : new FlatRowJsonConverter();
    values.configure(Map.of("schemas.enable", "false"), false);
    typedValues =
        "JsonConverter".equals(converter) ? new JsonConverter() : new FlatRowJsonConverter();
    typedValues.configure(Map.of("schemas.enable", "true"), false);
    typedMessage = typedValues.fromConnectData("orders", row.schema(), row.value());
  }

  @Benchmark
  public SchemaAndValue toConnectData() {
    return typedValues.toConnectData("orders", typedMessage);
  }

  @Benchmark
  public byte[] fromConnectData() {
    return values.fromConnectData("orders", row.schema(), row.value());
  }
}
