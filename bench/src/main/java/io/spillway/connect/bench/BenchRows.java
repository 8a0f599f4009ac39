package io.spillway.connect.bench;

import io.spillway.connect.bench.SourceReplicationBenchmark.Variant;
import java.util.ArrayList;
import java.util.List;

/** Every row of the report, in report order. A new row is one class and one line here. */
final class BenchRows {
  private BenchRows() {}

  static List<BenchRow> all() {
    return List.of(
        new FlattenRow(),
        new KafkaSourceRow(Variant.PACKED_FLAT_JSON),
        new KafkaSourceRow(Variant.UNPACKED_FLAT_JSON),
        new KafkaSourceRow(Variant.PACKED_SERIALIZED),
        new KafkaSourceRow(Variant.UNPACKED_SERIALIZED),
        new RedshiftSinkRow(RedshiftSinkRow.Kind.DEFAULTS),
        new RedshiftSinkRow(RedshiftSinkRow.Kind.TUNED),
        new RedshiftSinkRow(RedshiftSinkRow.Kind.LIMIT),
        new KinesisSinkRow(),
        new TablestoreSinkRow(),
        new FlinkUpsertRow(),
        new MemoryRow<>(
            "redshift-sink", RedshiftMemoryDestination.class, RedshiftMemoryDestination::start),
        new MemoryRow<>(
            "kinesis-sink", KinesisMemoryDestination.class, KinesisMemoryDestination::start),
        new MemoryRow<>(
            "tablestore-sink",
            TablestoreMemoryDestination.class,
            TablestoreMemoryDestination::start));
  }

  static List<String> ids() {
    return all().stream().map(BenchRow::id).toList();
  }

  /** The rows named (all when none are), in report order; unknown names are an error. */
  static List<BenchRow> select(List<String> ids) {
    List<BenchRow> all = all();
    for (String id : ids) {
      if (all.stream().noneMatch(row -> row.id().equals(id))) {
        throw new IllegalArgumentException("Unknown row " + id + "; rows: " + ids());
      }
    }
    List<BenchRow> selected = new ArrayList<>();
    for (BenchRow row : all) {
      if (ids.isEmpty() || ids.contains(row.id())) {
        selected.add(row);
      }
    }
    return selected;
  }
}
