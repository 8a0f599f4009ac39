package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The instance's time series tables: per series (measurement, data source, tags) its points. */
final class TimeseriesStore {
  /** A time series key; tags as the SDK's canonical string {@code ["k=v",...]} (sorted). */
  record SeriesKey(String measurement, String source, String tags) {
    static final Comparator<SeriesKey> ORDER =
        Comparator.comparing(SeriesKey::measurement)
            .thenComparing(SeriesKey::source)
            .thenComparing(SeriesKey::tags);
  }

  /** One point: a series at a time (microseconds) with its fields. */
  record Point(SeriesKey key, long timeUs, SortedMap<String, ColumnValue> fields) {}

  static final class Table {
    volatile Timeseries.TimeseriesTableMeta meta;
    private final NavigableMap<SeriesKey, NavigableMap<Long, Point>> series =
        new TreeMap<>(SeriesKey.ORDER);
    // When each series was first written (microseconds): its meta's update time.
    private final SortedMap<SeriesKey, Long> created = new TreeMap<>(SeriesKey.ORDER);

    Table(Timeseries.TimeseriesTableMeta meta) {
      this.meta = meta;
    }

    synchronized void put(Point point) {
      series.computeIfAbsent(point.key(), k -> new TreeMap<>()).put(point.timeUs(), point);
      created.putIfAbsent(point.key(), System.currentTimeMillis() * 1000);
    }

    /** Every series with its first write time, in key order. */
    synchronized SortedMap<SeriesKey, Long> series() {
      return new TreeMap<>(created);
    }

    /** Points of one series in [beginUs, endUs), at most {@code limit}, forward or backward. */
    synchronized List<Point> read(
        SeriesKey key, long beginUs, long endUs, boolean backward, int limit, long nowUs) {
      NavigableMap<Long, Point> points = series.get(key);
      List<Point> out = new ArrayList<>();
      if (points == null || beginUs >= endUs) {
        return out;
      }
      int ttl = meta.getTableOptions().getTimeToLive();
      long oldest = ttl > 0 ? nowUs - ttl * 1_000_000L : Long.MIN_VALUE;
      NavigableMap<Long, Point> slice = points.subMap(beginUs, true, endUs, false);
      for (Point p : backward ? slice.descendingMap().values() : slice.values()) {
        if (out.size() == limit + 1) {
          break;
        }
        if (p.timeUs() >= oldest) {
          out.add(p);
        }
      }
      return out;
    }
  }

  private final ConcurrentMap<String, Table> tables = new ConcurrentHashMap<>();

  void create(Timeseries.TimeseriesTableMeta meta) {
    if (!meta.getTableName().matches("[A-Za-z_][A-Za-z0-9_]{0,254}")) {
      throw OtsException.invalid("Invalid table name: '" + meta.getTableName() + "'.");
    }
    Timeseries.TimeseriesTableMeta stored =
        meta.toBuilder()
            .setStatus("CREATED")
            .setTableOptions(
                Timeseries.TimeseriesTableOptions.newBuilder()
                    .setTimeToLive(
                        meta.getTableOptions().hasTimeToLive()
                            ? meta.getTableOptions().getTimeToLive()
                            : -1))
            .build();
    if (tables.putIfAbsent(meta.getTableName(), new Table(stored)) != null) {
      throw new OtsException("OTSObjectAlreadyExist", "Requested table already exists.");
    }
  }

  Table get(String name) {
    Table table = tables.get(name);
    if (table == null) {
      throw OtsException.tableNotExist();
    }
    return table;
  }

  void delete(String name) {
    if (tables.remove(name) == null) {
      throw OtsException.tableNotExist();
    }
  }

  List<Timeseries.TimeseriesTableMeta> metas() {
    return new TreeMap<>(Map.copyOf(tables)).values().stream().map(t -> t.meta).toList();
  }
}
