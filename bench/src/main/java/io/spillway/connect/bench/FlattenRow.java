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
  public String finding() {
    return "Profiled with JFR (before: 1.82x the bare parse, 2,880 B/record). Before: 27 % of the"
        + " time was a syntax pre-pass over the bytes (JsonSyntaxCheck), needless when Jackson"
        + " parses the message anyway and only strict UTF-8 is left to prove, which an ASCII"
        + " message (a word-at-a-time check) needs no pass for; 19 % was Kafka's Struct.put,"
        + " which builds the text field: \"<name>\" on every call (950 B/record) and looks up the"
        + " accepted classes; the rest was the one streaming Jackson pass into columns. After:"
        + " 1,928 B/record (readTree 2,448) and 1.12-1.18x readTree (median paired ratio of thread"
        + " CPU per record, 50,000-record chunks interleaved in one JVM, machine under load);"
        + " 80 % of the remaining time is that Jackson pass (parser setup 14 %, string values 20 %,"
        + " nested objects' and arrays' own text 11 %, doubles 9 %), which readTree pays too.";
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
