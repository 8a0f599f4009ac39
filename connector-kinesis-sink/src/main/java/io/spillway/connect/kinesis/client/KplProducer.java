package io.spillway.connect.kinesis.client;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * One task's Kinesis Producer Library: its native daemon unpacked into a folder of the task
 * (removed on close), records added with a callback that runs when the KPL has written the record
 * or given up on it. The KPL batches (buffer.size records per PutRecords), aggregates small records
 * of a shard into one Kinesis record, and retries until {@code RecordTtl}.
 */
public final class KplProducer implements AutoCloseable {
  /** What the task hears back for each record. */
  public interface Outcome {
    void written(UserRecordResult result);

    void failed(Throwable error);
  }

  /** The folder under kinesis.work.dir where the KPL unpacks its daemon. */
  public static final String FOLDER = "spillway-kinesis-kpl";

  private final Path tempDirectory;
  private final KinesisProducer producer;
  private volatile boolean closed;

  public KplProducer(
      KplSettings settings,
      KinesisClientConfig client,
      AwsClients aws,
      Path workDir,
      int bufferSize) {
    // One folder for every task of the worker, never removed: the KPL names its daemon by hash
    // and its pipes per instance, and watches the files it unpacked for the JVM's lifetime.
    this.tempDirectory = workDir.resolve(FOLDER);
    try {
      Files.createDirectories(tempDirectory);
    } catch (IOException e) {
      throw new ConnectException(
          "Cannot create the KPL's folder under " + workDir + " (kinesis.work.dir)", e);
    }
    KinesisProducerConfiguration configuration =
        settings.configuration(client, aws.credentials(), tempDirectory, bufferSize);
    this.producer = new KinesisProducer(configuration);
  }

  /**
   * Hands a record to the KPL; the outcome is called on one of the KPL's threads. After {@link
   * #close()} (a late callback releasing a key's next record while the task stops) the record fails
   * at once, as an unwritten record: never committed, read again by the next owner.
   */
  public void add(String stream, String partitionKey, byte[] data, Outcome outcome) {
    if (closed) {
      outcome.failed(new IllegalStateException("the KPL of this task is closed"));
      return;
    }
    Futures.addCallback(
        producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data)),
        new FutureCallback<UserRecordResult>() {
          @Override
          public void onSuccess(UserRecordResult result) {
            outcome.written(result);
          }

          @Override
          public void onFailure(Throwable error) {
            outcome.failed(error);
          }
        },
        MoreExecutors.directExecutor());
  }

  /** Records added and not yet written or failed. */
  public int outstanding() {
    return producer.getOutstandingRecordsCount();
  }

  /** Sends every buffered record now instead of after RecordMaxBufferedTime. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    closed = true;
    producer.destroy();
  }
}
