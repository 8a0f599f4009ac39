package io.spillway.connect.bench;

import io.spillway.connect.bench.SourceReplicationBenchmark.Variant;

/**
 * Spillway's Kafka source (packed or unpacked JSON rows, FlatRowJsonConverter as the README
 * recommends) against MirrorMaker 2's MirrorSourceConnector copying the same topic between the same
 * clusters. Goals: packed ≥ 1.0×, unpacked ≥ 0.8× MM2's records/s.
 */
final class KafkaSourceRow implements BenchRow {
  private final boolean packed;

  KafkaSourceRow(boolean packed) {
    this.packed = packed;
  }

  @Override
  public String id() {
    return packed ? "kafka-source-packed" : "kafka-source-unpacked";
  }

  @Override
  public String title() {
    return packed ? "kafka-source, packed" : "kafka-source, unpacked";
  }

  @Override
  public String group() {
    return "kafka-source";
  }

  @Override
  public Unit unit() {
    return Unit.RECORDS_PER_SECOND;
  }

  @Override
  public Goal goal() {
    return Goal.atLeast(packed ? 1.0 : 0.8);
  }

  @Override
  public String finding() {
    return "MirrorMaker 2 hands the consumer's bytes to the producer unchanged; Spillway also"
        + " builds a typed row (position, timestamp, key and header columns), converts it and"
        + " writes about 21 % more bytes per record. Brokers, worker and runner share the"
        + " machine's cores, so that CPU work lowers throughput in proportion (JVM and task-thread"
        + " CPU per record: bench/run-source-bench.sh, see the Kafka source guide).";
  }

  @Override
  public Setup prepare(Fixtures fixtures, Scale scale) throws Exception {
    KafkaSourceFixture fixture =
        fixtures.get(KafkaSourceFixture.class, () -> KafkaSourceFixture.start(scale));
    Contestant ours =
        packed
            ? fixture.contestant(Variant.PACKED_FLAT_JSON, "Spillway Kafka source, packed")
            : fixture.contestant(Variant.UNPACKED_FLAT_JSON, "Spillway Kafka source, unpacked");
    Contestant peer = fixture.contestant(Variant.MM2, "MirrorMaker 2 MirrorSourceConnector");
    return new Setup(fixture.data(), ours, peer);
  }
}
