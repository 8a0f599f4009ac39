package io.spillway.connect.flinkupsert.write;

/** Which Flink table connector reads the target. */
public enum Mode {
  /** upsert-kafka: latest row per key in a compacted topic, reduced per flush window. */
  UPSERT,
  /** kafka (append): every record is its own event, nothing reduced, target not compacted. */
  STANDARD
}
