package io.spillway.connect.bench;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.ConsumedCapacity;
import com.alicloud.openservices.tablestore.model.NoRetryStrategy;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.writer.WriterConfig;
import com.alicloud.openservices.tablestore.writer.enums.BatchRequestType;
import com.alicloud.openservices.tablestore.writer.enums.DispatchMode;
import com.alicloud.openservices.tablestore.writer.enums.WriteMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The practical limit: consume the topic and hand every record, as the row the sink writes, to one
 * {@link DefaultTableStoreWriter} with the settings the sink uses by default ({@link #SETTINGS});
 * done when every row's callback reported success.
 */
final class RawTablestoreWriterLoop {
  /** The sink's default writer and client settings, which this loop uses too. */
  static final String SETTINGS =
      "one AsyncClient + DefaultTableStoreWriter: bufferSize=1024, callback threads = cores + 1,"
          + " concurrency=10, bucketCount=3, flushInterval=10000 ms, BATCH_WRITE_ROW,"
          + " SEQUENTIAL writes dispatched by primary key hash (insert.order.enable=true),"
          + " NoRetryStrategy, maxConnections=20; KafkaConsumer defaults, Jackson for the values";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrap;
  private final TablestoreServer server;
  private final String table;

  RawTablestoreWriterLoop(String bootstrap, TablestoreServer server, String table) {
    this.bootstrap = bootstrap;
    this.server = server;
    this.table = table;
  }

  static WriterConfig writerConfig() {
    WriterConfig config = new WriterConfig();
    config.setBufferSize(1024);
    config.setCallbackThreadCount(callbackThreads());
    config.setConcurrency(10);
    config.setBucketCount(3);
    config.setFlushInterval(10_000);
    config.setBatchRequestType(BatchRequestType.BATCH_WRITE_ROW);
    config.setWriteMode(WriteMode.SEQUENTIAL);
    config.setDispatchMode(DispatchMode.HASH_PRIMARY_KEY);
    return config;
  }

  private static int callbackThreads() {
    return Runtime.getRuntime().availableProcessors() + 1;
  }

  /** Seconds to write every record of the topic into the table. */
  double run(String topic, int records) throws Exception {
    long start = System.nanoTime();
    ClientConfiguration clientConfig = new ClientConfiguration();
    clientConfig.setRetryStrategy(new NoRetryStrategy());
    clientConfig.setMaxConnections(20);
    clientConfig.setConnectionTimeoutInMillisecond(10_000);
    clientConfig.setSocketTimeoutInMillisecond(60_000);
    AsyncClient client =
        new AsyncClient(
            server.endpoint(),
            server.accessKeyId(),
            server.accessKeySecret(),
            server.instanceName(),
            clientConfig);
    ExecutorService callbacks = Executors.newFixedThreadPool(callbackThreads());
    AtomicLong written = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    DefaultTableStoreWriter writer =
        new DefaultTableStoreWriter(
            client,
            table,
            writerConfig(),
            new TableStoreCallback<RowChange, ConsumedCapacity>() {
              @Override
              public void onCompleted(RowChange row, ConsumedCapacity capacity) {
                written.incrementAndGet();
              }

              @Override
              public void onFailed(RowChange row, Exception error) {
                failed.incrementAndGet();
              }
            },
            callbacks);
    double seconds;
    try {
      consume(topic, records, writer);
      writer.flush();
      while (written.get() + failed.get() < records) {
        KinesisSinkBenchmark.sleep(1);
      }
      seconds = (System.nanoTime() - start) / 1e9;
    } finally {
      writer.close();
      client.shutdown();
      callbacks.shutdown();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " rows failed in the raw loop");
    }
    return seconds;
  }

  private void consume(String topic, int records, DefaultTableStoreWriter writer)
      throws IOException {
    try (KafkaConsumer<byte[], byte[]> consumer = TopicReader.fromBeginning(bootstrap, topic, 0)) {
      long sent = 0;
      while (sent < records) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          writer.addRowChange(row(table, record));
          sent++;
        }
      }
    }
  }

  /**
   * The row the sink writes under its defaults (primarykey.mode=kafka, insert.mode=put, schemaless
   * JSON values, a string key): {@code topic_partition, offset}, then one column per value field,
   * then the key as column {@code key}.
   */
  static RowPutChange row(String table, ConsumerRecord<byte[], byte[]> record) throws IOException {
    RowPutChange row =
        new RowPutChange(
            table,
            PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn(
                    "topic_partition",
                    PrimaryKeyValue.fromString(record.topic() + "_" + record.partition()))
                .addPrimaryKeyColumn("offset", PrimaryKeyValue.fromLong(record.offset()))
                .build());
    JsonNode value = JSON.readTree(record.value());
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode cell = field.getValue();
      if (cell.isIntegralNumber()) {
        row.addColumn(field.getKey(), ColumnValue.fromLong(cell.asLong()));
      } else if (cell.isFloatingPointNumber()) {
        row.addColumn(field.getKey(), ColumnValue.fromDouble(cell.asDouble()));
      } else if (cell.isBoolean()) {
        row.addColumn(field.getKey(), ColumnValue.fromBoolean(cell.asBoolean()));
      } else if (cell.isTextual()) {
        row.addColumn(field.getKey(), ColumnValue.fromString(cell.asText()));
      } else if (!cell.isNull()) {
        row.addColumn(field.getKey(), ColumnValue.fromString(cell.toString()));
      }
    }
    row.addColumn("key", ColumnValue.fromString(new String(record.key(), StandardCharsets.UTF_8)));
    return row;
  }
}
