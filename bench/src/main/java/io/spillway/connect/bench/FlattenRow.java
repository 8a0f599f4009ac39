package io.spillway.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * The Flatten SMT's core (unpacked, one 10-field JSON record to a Connect Struct) against the bare
 * Jackson {@code readTree} of the same bytes, the floor any JSON-reading connector pays: JMH, ns
 * per record, so the ratio is a cost ratio (goal: at most the bare parse).
 */
final class FlattenRow implements BenchRow {
  @Override
  public String id() {
    return "flatten";
  }

  @Override
  public String title() {
    return "flatten (JMH, cost per record)";
  }

  @Override
  public String group() {
    return "jmh";
  }

  @Override
  public Unit unit() {
    return Unit.NANOS_PER_RECORD;
  }

  @Override
  public Goal goal() {
    return Goal.atMost(1.0);
  }

  @Override
  public Setup prepare(Fixtures fixtures, Scale scale) {
    long bytes = FlattenBenchmark.RECORD.getBytes(StandardCharsets.UTF_8).length;
    DataSet data =
        new DataSet(
            1,
            bytes,
            "no key",
            "one 10-field JSON object (strings, numbers, boolean, nested object, array),"
                + " flattened again and again in one thread");
    Contestant ours =
        new JmhContestant(
            FlattenBenchmark.class,
            "flattenToStruct",
            "Spillway Flattener + FlatRows.toConnect",
            "flatten.mode=unpacked, all other flatten settings default",
            scale,
            FlattenRow::checkFlatten);
    Contestant peer =
        new JmhContestant(
            FlattenBenchmark.class,
            "jacksonReadTree",
            "Jackson ObjectMapper.readTree",
            "a default ObjectMapper, bytes in, JsonNode tree out",
            scale,
            FlattenRow::checkJackson);
    return new Setup(data, ours, peer);
  }

  private static void checkFlatten() {
    FlattenBenchmark benchmark = new FlattenBenchmark();
    benchmark.setUp();
    SchemaAndValue row = benchmark.flattenToStruct();
    Struct struct = (Struct) row.value();
    // one value_ column per first-level field; nested objects and arrays stay JSON text
    long columns =
        struct.schema().fields().stream().filter(f -> f.name().startsWith("value_")).count();
    if (columns != 10
        || !Long.valueOf(1234567L).equals(struct.get("value_id"))
        || !"Ann O'Neil".equals(struct.get("value_customer"))
        || !String.valueOf(struct.get("value_address")).contains("Oslo")) {
      throw new IllegalStateException("Flattened row is not the record: " + struct);
    }
  }

  private static void checkJackson() throws Exception {
    FlattenBenchmark benchmark = new FlattenBenchmark();
    benchmark.setUp();
    JsonNode tree = benchmark.jacksonReadTree();
    if (tree.size() != 10 || tree.path("id").asLong() != 1234567L) {
      throw new IllegalStateException("readTree gave " + tree);
    }
  }
}
