package io.spillway.connect.redshift;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.metrics.PluginGauges;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.RetryBackoff;
import io.spillway.connect.common.sink.SinkBatcher;
import io.spillway.connect.redshift.dialect.Dialect;
import io.spillway.connect.redshift.write.BatchWriter;
import io.spillway.connect.redshift.write.ChangeBuilder;
import io.spillway.connect.redshift.write.Connections;
import io.spillway.connect.redshift.write.SinkMetrics;
import io.spillway.connect.redshift.write.TableBuffers;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers records per table, reduced by key ({@link TableBuffers}), and writes them as the shared
 * {@link SinkBatcher} decides: when the buffer is full, when its oldest record has waited long
 * enough, and before every offset commit. Offsets are handed to Connect only for records that are
 * written or reported to the error policy.
 */
public class RedshiftSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(RedshiftSinkTask.class);

  private Connections connections;
  private SinkBatcher batcher;

  @Override
  public void start(Map<String, String> props) {
    RedshiftSinkConfig config = new RedshiftSinkConfig(props);
    Dialect dialect = Dialect.of(config);
    ErrantRecords errant = ErrantRecords.forTask(context, config.errorTolerance());
    SinkMetrics metrics = new SinkMetrics(PluginGauges.forTask(context));
    connections = new Connections(config);
    TableBuffers tables =
        new TableBuffers(
            new ChangeBuilder(config, dialect),
            new BatchWriter(config, dialect, errant, metrics),
            connections,
            metrics);
    RetryBackoff backoff =
        new RetryBackoff(config.retryPolicy(), context, Time.SYSTEM, "the warehouse");
    batcher = new SinkBatcher(context, config.batchLimits(), backoff, errant, tables, Time.SYSTEM);
    log.info(
        "Redshift sink task started: dialect {}, insert.mode {}, pk.mode {}",
        dialect.name(),
        config.insertMode(),
        config.pkMode());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    batcher.put(records);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return batcher.preCommit();
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    batcher.close(partitions);
  }

  @Override
  public void stop() {
    if (connections != null) {
      connections.close();
    }
  }

  @Override
  public String version() {
    return PluginVersion.of(RedshiftSinkTask.class);
  }
}
