package io.spillway.connect.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The practical limit: consume the topic and hand every record to one KPL (the connector's KPL
 * settings: aggregation on, 500 records per PutRecords, metrics off), with the record key as
 * partition key and the value's bytes as data; done when every future completed successfully.
 */
final class RawKplLoop {
  private static final int MAX_OUTSTANDING = 100_000;

  private final String bootstrap;
  private final Kinesalite kinesalite;
  private final String stream;

  RawKplLoop(String bootstrap, Kinesalite kinesalite, String stream) {
    this.bootstrap = bootstrap;
    this.kinesalite = kinesalite;
    this.stream = stream;
  }

  /** Seconds to move every record of the topic into the stream. */
  double run(String topic, int records) throws Exception {
    long start = System.nanoTime();
    KinesisProducerConfiguration config =
        new KinesisProducerConfiguration()
            .setRegion(KinesisStreams.REGION)
            .setKinesisEndpoint(kinesalite.host())
            .setKinesisPort(kinesalite.port())
            .setVerifyCertificate(false)
            .setMetricsLevel("none")
            .setLogLevel("warning")
            .setCollectionMaxCount(500)
            .setAggregationEnabled(true)
            .setTempDirectory(Files.createTempDirectory("raw-kpl").toString())
            .setCredentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        KinesisStreams.ACCESS_KEY, KinesisStreams.SECRET_KEY)));
    KinesisProducer producer = new KinesisProducer(config);
    AtomicLong written = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    FutureCallback<UserRecordResult> callback =
        new FutureCallback<>() {
          @Override
          public void onSuccess(UserRecordResult result) {
            written.incrementAndGet();
          }

          @Override
          public void onFailure(Throwable error) {
            failed.incrementAndGet();
          }
        };
    try (KafkaConsumer<byte[], byte[]> consumer =
        TopicReader.fromBeginning(bootstrap, topic, 2_000)) {
      long sent = 0;
      while (sent < records) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          Futures.addCallback(
              producer.addUserRecord(
                  stream,
                  new String(record.key(), StandardCharsets.UTF_8),
                  ByteBuffer.wrap(record.value())),
              callback,
              MoreExecutors.directExecutor());
          sent++;
        }
        while (producer.getOutstandingRecordsCount() > MAX_OUTSTANDING) {
          KinesisSinkBenchmark.sleep(5);
        }
      }
      producer.flush();
      while (written.get() + failed.get() < records) {
        KinesisSinkBenchmark.sleep(5);
      }
    } finally {
      producer.destroy();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " records failed in the raw loop");
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
