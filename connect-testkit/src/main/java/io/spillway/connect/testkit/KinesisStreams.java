package io.spillway.connect.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Creates, describes and reads back Kinesis streams of a test endpoint (kinesalite) with the AWS
 * SDK v2: CBOR off (kinesalite mis-parses it), certificates not verified (kinesalite's is
 * self-signed), any static credentials. Reading de-aggregates what the KPL packed into one Kinesis
 * record.
 */
public final class KinesisStreams implements AutoCloseable {
  /** Any key pair: kinesalite checks that requests are signed, not by whom. */
  public static final String ACCESS_KEY = "AKIDSPILLWAYTEST";

  public static final String SECRET_KEY = "spillway-test-secret";
  public static final String REGION = "us-east-1";

  private final KinesisClient client;

  KinesisStreams(String endpoint) {
    // The SDK reads this when it builds a client's protocol factory: a JVM-wide setting, which is
    // fine in a test JVM (every Kinesis client here talks to kinesalite).
    System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
    this.client =
        KinesisClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.of(REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClient(
                Apache5HttpClient.builder()
                    .buildWithDefaults(
                        AttributeMap.builder()
                            .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
                            .build()))
            .build();
  }

  /** One user record as read back: where it landed and what it holds. */
  public record StreamRecord(
      String shardId, String sequenceNumber, int subSequence, String partitionKey, byte[] data) {}

  /** Creates the stream with the shard count and waits until it is ACTIVE. */
  public void create(String stream, int shards) {
    client.createStream(request -> request.streamName(stream).shardCount(shards));
    awaitActive(stream);
  }

  /** Waits until the stream is ACTIVE. */
  public void awaitActive(String stream) {
    Await.until(
        Duration.ofSeconds(30),
        "stream " + stream + " ACTIVE",
        () -> describe(stream).streamStatus() == StreamStatus.ACTIVE);
  }

  /** Deletes the stream (kinesalite: at once) and its records. */
  public void delete(String stream) {
    client.deleteStream(request -> request.streamName(stream).enforceConsumerDeletion(true));
    Await.until(Duration.ofSeconds(30), "stream " + stream + " deleted", () -> !exists(stream));
  }

  public boolean exists(String stream) {
    try {
      describe(stream);
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  public StreamDescriptionSummary describe(String stream) {
    return client
        .describeStreamSummary(request -> request.streamName(stream))
        .streamDescriptionSummary();
  }

  public int openShardCount(String stream) {
    return describe(stream).openShardCount();
  }

  public List<String> streamNames() {
    return client.listStreams().streamNames();
  }

  /**
   * Every user record in the stream, shard by shard (in shard id order), each shard in sequence
   * order; aggregated records are split in the order the producer added their user records.
   */
  public List<StreamRecord> readAll(String stream) {
    return readNew(stream, new HashMap<>());
  }

  /**
   * The user records after the positions in {@code read} (shard id to the last sequence number
   * read; a shard not in it is read from its start), in {@link #readAll}'s order; moves {@code
   * read} past them. Repeated calls read a growing stream once, e.g. to count what a sink wrote.
   */
  public List<StreamRecord> readNew(String stream, Map<String, String> read) {
    List<Shard> shards =
        new ArrayList<>(client.listShards(request -> request.streamName(stream)).shards());
    shards.sort(Comparator.comparing(Shard::shardId));
    List<StreamRecord> records = new ArrayList<>();
    for (Shard shard : shards) {
      String after = read.get(shard.shardId());
      String iterator =
          client
              .getShardIterator(
                  request -> {
                    request.streamName(stream).shardId(shard.shardId());
                    if (after == null) {
                      request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                    } else {
                      request
                          .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                          .startingSequenceNumber(after);
                    }
                  })
              .shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse response =
            client.getRecords(request -> request.shardIterator(current).limit(10_000));
        response
            .records()
            .forEach(
                record -> {
                  List<KplAggregates.UserRecord> users =
                      KplAggregates.split(record.partitionKey(), record.data().asByteArray());
                  for (int i = 0; i < users.size(); i++) {
                    records.add(
                        new StreamRecord(
                            shard.shardId(),
                            record.sequenceNumber(),
                            i,
                            users.get(i).partitionKey(),
                            users.get(i).data()));
                  }
                  read.put(shard.shardId(), record.sequenceNumber());
                });
        boolean caughtUp =
            response.records().isEmpty()
                && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
        iterator = caughtUp ? null : response.nextShardIterator();
      }
    }
    return records;
  }

  /** Every user record of the stream ({@link #readAll}), none while it does not exist yet. */
  public List<StreamRecord> readAllIfExists(String stream) {
    return exists(stream) ? readAll(stream) : List.of();
  }

  /**
   * Waits until the stream (which a sink may not have created yet) holds at least {@code count}
   * user records and returns them all.
   */
  public List<StreamRecord> awaitRecords(String stream, int count, Duration timeout) {
    return awaitRecords(
        stream, timeout, count + " records in " + stream, records -> records.size() >= count);
  }

  /**
   * Waits until the stream's user records are {@code complete} and returns them; the failure
   * message names {@code what} was awaited and how many records there were.
   */
  public List<StreamRecord> awaitRecords(
      String stream, Duration timeout, String what, Predicate<List<StreamRecord>> complete) {
    return Await.value(
        timeout,
        what,
        () -> readAllIfExists(stream),
        complete,
        records -> records.size() + " records in " + stream);
  }

  /** The number of user records in the stream. */
  public int count(String stream) {
    return readAll(stream).size();
  }

  @Override
  public void close() {
    client.close();
  }
}
