package io.spillway.connect.bench;

import io.spillway.connect.bench.SourceReplicationBenchmark.Variant;

/**
 * Spillway's Kafka source in its pre-serialized mode ({@code destination.serialization=json}: the
 * task writes JsonConverter's bytes itself and the worker runs ByteArrayConverter), packed or
 * unpacked, against MirrorMaker 2 on the same clusters. Goals (issue 17): packed ≥ 1.0×, unpacked ≥
 * 0.8× MM2's records/s.
 */
final class KafkaSourceSerializedRow implements BenchRow {
  private final boolean packed;

  KafkaSourceSerializedRow(boolean packed) {
    this.packed = packed;
  }

  @Override
  public String id() {
    return packed ? "kafka-source-packed-serialized" : "kafka-source-unpacked-serialized";
  }

  @Override
  public String title() {
    return packed
        ? "kafka-source, packed, pre-serialized"
        : "kafka-source, unpacked, pre-serialized";
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
    return "The task still decodes every message (strict UTF-8, JSON syntax, unpacking) and writes"
        + " about 21 % more bytes per record than MirrorMaker 2, which hands the consumer's bytes to"
        + " the producer unchanged; brokers, worker and runner share the machine's cores.";
  }

  @Override
  public Setup prepare(Fixtures fixtures, Scale scale) throws Exception {
    KafkaSourceFixture fixture =
        fixtures.get(KafkaSourceFixture.class, () -> KafkaSourceFixture.start(scale));
    Contestant ours =
        packed
            ? fixture.contestant(
                Variant.PACKED_SERIALIZED, "Spillway Kafka source, packed, pre-serialized")
            : fixture.contestant(
                Variant.UNPACKED_SERIALIZED, "Spillway Kafka source, unpacked, pre-serialized");
    Contestant peer = fixture.contestant(Variant.MM2, "MirrorMaker 2 MirrorSourceConnector");
    return new Setup(fixture.data(), ours, peer);
  }
}
