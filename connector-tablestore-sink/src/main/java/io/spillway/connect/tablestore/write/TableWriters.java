package io.spillway.connect.tablestore.write;

import io.spillway.connect.tablestore.TablestoreSinkConfig;
import io.spillway.connect.tablestore.client.TablestoreClient;
import io.spillway.connect.tablestore.client.WriterRowSink;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;

/** The {@link TableWriter} of tablestore.mode. */
public final class TableWriters {
  private TableWriters() {}

  public static TableWriter forMode(
      TablestoreSinkConfig config, TablestoreClient client, WriteMetrics metrics, Time time) {
    return switch (config.mode()) {
      case NORMAL -> wideColumn(config, client, metrics, time);
      case TIMESERIES ->
          throw new ConnectException(
              "tablestore.mode=timeseries is not available in this build yet");
    };
  }

  private static TableWriter wideColumn(
      TablestoreSinkConfig config, TablestoreClient client, WriteMetrics metrics, Time time) {
    PrimaryKeyMode pkMode = config.primaryKeyMode();
    Map<String, String> props = config.props();
    return new WideColumnWriter(
        config.tableNames(),
        table -> TableLayout.of(pkMode, props, table),
        new RowMapper(pkMode, config.insertMode(), config.deleteMode(), time::milliseconds),
        new WriterRowSink(
            client,
            config.writerSettings(),
            config.autoCreate(),
            table -> TableLayout.of(pkMode, props, table).keySchema()),
        metrics);
  }
}
