package io.spillway.connect.bench;

import io.spillway.connect.bench.SourceReplicationBenchmark.Variant;
import org.apache.kafka.connect.converters.ByteArrayConverter;

/**
 * Spillway's Kafka source against MirrorMaker 2's MirrorSourceConnector copying the same topic
 * between the same clusters: packed or unpacked JSON rows, either typed rows serialized by the
 * worker's converter (FlatRowJsonConverter, as the README recommends) or pre-serialized ({@code
 * destination.serialization=json}: the task writes JsonConverter's bytes itself and the worker runs
 * ByteArrayConverter). Goals (issue 17): packed ≥ 1.0×, unpacked ≥ 0.8× MM2's records/s.
 */
final class KafkaSourceRow implements BenchRow {
  private final Variant variant;
  private final boolean packed;
  private final boolean preSerialized;

  /**
   * @param variant PACKED_FLAT_JSON, UNPACKED_FLAT_JSON, PACKED_SERIALIZED or UNPACKED_SERIALIZED
   */
  KafkaSourceRow(Variant variant) {
    this.variant = variant;
    this.packed = variant.packed;
    this.preSerialized = variant.converter == ByteArrayConverter.class;
  }

  /** "packed" or "unpacked", then ", pre-serialized" where it is. */
  private String label() {
    return (packed ? "packed" : "unpacked") + (preSerialized ? ", pre-serialized" : "");
  }

  @Override
  public String id() {
    return "kafka-source-"
        + (packed ? "packed" : "unpacked")
        + (preSerialized ? "-serialized" : "");
  }

  @Override
  public String title() {
    return "kafka-source, " + label();
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
    if (preSerialized) {
      return "The task still decodes every message (strict UTF-8, JSON syntax, unpacking) and"
          + " writes about 21 % more bytes per record than MirrorMaker 2, which hands the"
          + " consumer's bytes to the producer unchanged; brokers, worker and runner share the"
          + " machine's cores.";
    }
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
    Contestant ours = fixture.contestant(variant, "Spillway Kafka source, " + label());
    Contestant peer = fixture.contestant(Variant.MM2, "MirrorMaker 2 MirrorSourceConnector");
    return new Setup(fixture.data(), ours, peer);
  }
}
