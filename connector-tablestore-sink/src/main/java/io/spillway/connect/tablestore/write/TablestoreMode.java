package io.spillway.connect.tablestore.write;

/** Which kind of table the sink writes ({@code tablestore.mode}). */
public enum TablestoreMode {
  /** Data tables (wide column): one row per record. */
  NORMAL,
  /** Time series tables: one point per record. */
  TIMESERIES
}
