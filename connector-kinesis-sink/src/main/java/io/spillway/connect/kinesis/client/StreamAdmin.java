package io.spillway.connect.kinesis.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Checks, before the first record goes to a stream, that the stream exists and is ACTIVE, and
 * creates it with the configured shard count when allowed: the KPL would otherwise retry a missing
 * stream until its records expire. Talks JSON, not CBOR: both work against Kinesis, and local
 * servers such as kinesalite mis-parse CBOR.
 */
public final class StreamAdmin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamAdmin.class);
  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);
  private static final long POLL_MS = 500;

  private final KinesisClient client;
  private final ConcurrentHashMap<String, Boolean> ready = new ConcurrentHashMap<>();

  public StreamAdmin(KinesisClientConfig config, AwsClients aws) {
    KinesisClientBuilder builder =
        KinesisClient.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(aws.credentials())
            .httpClient(aws.http());
    if (!config.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create("https://" + config.endpoint() + ":" + config.port()));
    }
    this.client = withoutCbor(builder::build);
  }

  /**
   * The SDK decides CBOR or JSON from a JVM-wide setting when a client is built, and offers no
   * per-client switch: set it for the build only. A client built meanwhile elsewhere would also
   * talk JSON, which Kinesis accepts too.
   */
  private static KinesisClient withoutCbor(Supplier<KinesisClient> build) {
    String property = SdkSystemSetting.CBOR_ENABLED.property();
    synchronized (StreamAdmin.class) {
      String before = System.getProperty(property);
      System.setProperty(property, "false");
      try {
        return build.get();
      } finally {
        if (before == null) {
          System.clearProperty(property);
        } else {
          System.setProperty(property, before);
        }
      }
    }
  }

  /** Returns once the stream is ACTIVE (or UPDATING), creating it when missing and allowed. */
  public void ensure(String stream, int shards, boolean create) {
    if (ready.containsKey(stream)) {
      return;
    }
    try {
      StreamStatus status = status(stream);
      if (status == null) {
        if (!create) {
          throw new ConnectException(
              "Kinesis stream '" + stream + "' does not exist and stream.create is false");
        }
        create(stream, shards);
      }
      awaitActive(stream);
      ready.put(stream, Boolean.TRUE);
    } catch (AwsServiceException | SdkClientException e) {
      throw AwsErrors.translate("Checking Kinesis stream '" + stream + "'", e);
    }
  }

  private void create(String stream, int shards) {
    try {
      client.createStream(request -> request.streamName(stream).shardCount(shards));
      log.info("Created Kinesis stream {} with {} shards", stream, shards);
    } catch (ResourceInUseException e) {
      log.debug("Stream {} was created concurrently (another task)", stream);
    }
  }

  private StreamStatus status(String stream) {
    try {
      return client
          .describeStreamSummary(request -> request.streamName(stream))
          .streamDescriptionSummary()
          .streamStatus();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private void awaitActive(String stream) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (true) {
      StreamStatus status = status(stream);
      if (status == StreamStatus.ACTIVE || status == StreamStatus.UPDATING) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new RetriableException(
            "Kinesis stream '"
                + stream
                + "' is "
                + status
                + ", not ACTIVE, after "
                + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException("Interrupted while waiting for stream " + stream, e);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
