package io.spillway.connect.tablestore.timeseries;

import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.tablestore.TablestoreSinkConfig;
import io.spillway.connect.tablestore.client.RowSink;
import io.spillway.connect.tablestore.client.TablestoreClient;
import io.spillway.connect.tablestore.client.TimeseriesTableAdmin;
import io.spillway.connect.tablestore.client.WriterSettings;
import io.spillway.connect.tablestore.write.TableNames;
import io.spillway.connect.tablestore.write.TableWriter;
import io.spillway.connect.tablestore.write.WriteMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * tablestore.mode=timeseries: one point per record in the record's time series table, through a
 * {@link PointSink}. A tombstone has no point to write (a point cannot be deleted): it is
 * acknowledged at once and counted.
 */
public final class TimeseriesWriter implements TableWriter {
  private final TableNames tableNames;
  private final Function<String, SeriesMapping> mappings;
  private final PointSink points;
  private final WriteMetrics metrics;
  private final Map<String, PointMapper> mapperByTable = new HashMap<>();

  public TimeseriesWriter(
      TableNames tableNames,
      Function<String, SeriesMapping> mappings,
      PointSink points,
      WriteMetrics metrics) {
    this.tableNames = tableNames;
    this.mappings = mappings;
    this.points = points;
    this.metrics = metrics;
  }

  /** The writer of a task's config, on the task's client. */
  public static TimeseriesWriter of(
      TablestoreSinkConfig config, TablestoreClient client, WriteMetrics metrics) {
    boolean mapAll = config.getBoolean(TimeseriesConfig.MAP_ALL);
    boolean toLowerCase = config.getBoolean(TimeseriesConfig.TO_LOWER_CASE);
    Map<String, String> props = config.props();
    WriterSettings settings = config.writerSettings();
    var timeseries = client.async().asAsyncTimeseriesClient();
    return new TimeseriesWriter(
        config.tableNames(),
        table -> SeriesMapping.of(props, table, mapAll, toLowerCase),
        new PointSink(
            timeseries,
            new TimeseriesTableAdmin(timeseries, config.autoCreate()),
            config.getInt(TimeseriesConfig.ROWS_PER_BATCH),
            settings.concurrency(),
            settings.flushIntervalMs()),
        metrics);
  }

  @Override
  public void write(Pending pending) {
    SinkRecord record = pending.record();
    if (record.value() == null || record.headers().lastWithName(Columns.TOMBSTONE_HEADER) != null) {
      metrics.tombstoneSkipped();
      pending.ack();
      return;
    }
    String table = tableNames.tableOf(record.topic());
    TimeseriesRow row = mapper(table).map(record);
    points.write(
        table,
        row,
        new RowSink.Callback() {
          @Override
          public void written() {
            metrics.written();
            pending.ack();
          }

          @Override
          public void failed(Exception error) {
            pending.fail(error);
          }
        });
  }

  private PointMapper mapper(String table) {
    PointMapper mapper = mapperByTable.get(table);
    if (mapper == null) {
      try {
        mapper = new PointMapper(mappings.apply(table));
      } catch (ConfigException e) {
        throw new ConnectException(
            "Time series table '" + table + "' has no usable mapping: " + e.getMessage(), e);
      }
      mapperByTable.put(table, mapper);
    }
    return mapper;
  }

  @Override
  public void flush() {
    points.flush();
  }

  @Override
  public void close() {
    points.close();
  }
}
