package io.spillway.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of flattening one 10-field JSON record (unpacked, to a Connect Struct) against the bare
 * Jackson {@code readTree} of the same bytes: the floor any JSON-reading connector pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlattenBenchmark {
  /** Ten first-level fields: every inferred type, a nested object and an array. */
  public static final String RECORD =
      "{\"id\":1234567,\"customer\":\"Ann O'Neil\",\"email\":\"ann@example.com\","
          + "\"amount\":1234.56,\"currency\":\"EUR\",\"paid\":true,\"items\":3,"
          + "\"created_at\":\"2026-11-23T19:08:41.123Z\","
          + "\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"tags\":[\"new\",\"web\"]}";

  private final ObjectMapper mapper = new ObjectMapper();
  private byte[] json;
  private Flattener flattener;
  private FlatRows rows;
  private RawRecord record;
  private RawRecord integralRecord;
  private boolean flip;

  @Setup
  public void setUp() {
    json = RECORD.getBytes(StandardCharsets.UTF_8);
    flattener = new Flattener(new FlattenConfig(Map.of(FlattenConfig.MODE, "unpacked")));
    rows = new FlatRows();
    record =
        new RawRecord(
            new RecordPosition("orders", 0, 42L),
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            "order-42".getBytes(StandardCharsets.UTF_8),
            json,
            List.of());
    integralRecord =
        new RawRecord(
            new RecordPosition("orders", 0, 43L),
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            "order-43".getBytes(StandardCharsets.UTF_8),
            RECORD.replace("1234.56", "1234").getBytes(StandardCharsets.UTF_8),
            List.of());
  }

  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return mapper.readTree(json);
  }

  @Benchmark
  public SchemaAndValue flattenToStruct() {
    FlatRecord flat = flattener.flatten(record);
    return rows.toConnect(flat);
  }

  /**
   * Records whose amount alternates between a float and an integer: two row shapes, so two row
   * schemas (each record's own), found again in the per-shape cache.
   */
  @Benchmark
  public SchemaAndValue flattenAlternatingTypesToStruct() {
    flip = !flip;
    return rows.toConnect(flattener.flatten(flip ? record : integralRecord));
  }

  @Benchmark
  public FlatRecord flattenOnly() {
    return flattener.flatten(record);
  }
}
