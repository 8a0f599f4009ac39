package io.spillway.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.common.json.FlatRowJsonConverter;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * Side-by-side throughput of MirrorMaker 2's {@link MirrorSourceConnector} and Spillway's {@link
 * KafkaSourceConnector} (packed and unpacked JSON), all copying the same topic of a source cluster
 * into a Connect cluster's Kafka. Not JMH: each run is one connector copying the whole topic.
 *
 * <p>Setup (one JVM): a 1-broker source cluster holding one topic of {@code records} ~1 KB JSON
 * orders ({@link OrderJson}) over 4 partitions, produced once up front; a 1-broker, 1-worker
 * Connect cluster. A run is timed from the connector's creation until the end offsets of its
 * destination topic (polled every 200 ms, data never consumed) add up to {@code records}; then the
 * connector and its destination topic are deleted. Variants run {@code repeats} times, the order
 * rotating each repeat. Goals (from the issue): Spillway packed / MM2 >= 1.0, Spillway unpacked /
 * MM2 >= 0.8, in records/s.
 *
 * <p>Arguments: records (default 1,000,000), repeats (default 1), warm-up records (default 0: when
 * above 0, each variant first copies that many records of a separate topic, unmeasured, so the
 * first measured variant does not pay for the JIT alone).
 *
 * <p>Brokers, worker and runner share one JVM and the machine's cores, so a run is CPU-bound and
 * its time moves with anything else running, and with garbage collection (a full GC runs between
 * runs so that none inherits another's garbage): the table also prints this JVM's CPU seconds per
 * run and the share of the machine other processes used meanwhile. Prefer repeats > 1 with a
 * warm-up when comparing; a JFR recording can be added through the script's JAVA_OPTS.
 */
public final class SourceReplicationBenchmark {
  static final String TOPIC = "bench_orders";
  static final String WARMUP_TOPIC = "bench_warmup";
  static final int PARTITIONS = 4;
  static final int TASKS = 4;
  static final double PACKED_GOAL = 1.0;
  static final double UNPACKED_GOAL = 0.8;
  private static final long POLL_MS = 200;
  private static final long STATUS_CHECK_NANOS = Duration.ofSeconds(2).toNanos();
  private static final long SETTLE_MS = 2_000;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Connect names a thread after the task it runs while it runs it. */
  private static final Pattern TASK_THREAD = Pattern.compile("task-thread-.+");

  /**
   * The variants to run: all, or those named (comma-separated enum names) in the system property
   * {@code bench.variants}, e.g. {@code -Dbench.variants=MM2,PACKED} through JAVA_OPTS to profile
   * one variant without the others' samples in the recording.
   */
  static final List<Variant> VARIANTS = BenchSettings.variants(Variant.class);

  /**
   * Settings added to every Spillway connector (they win over the defaults above), from the system
   * property {@code bench.spillway.config}, e.g. {@code
   * -Dbench.spillway.config=source.consumer.max.poll.records=2000} to compare client settings.
   */
  static final Map<String, String> EXTRA_SPILLWAY_CONFIG =
      BenchSettings.fromProperty("bench.spillway.config");

  /** Worker settings shared by every run (the producer that writes the destination topics). */
  static final Map<String, String> WORKER_PROPS = workerProps();

  /**
   * The contestants: MM2, and Spillway packed and unpacked, each with Kafka's JsonConverter, with
   * Spillway's byte-identical FlatRowJsonConverter, and pre-serialized (the task writes the same
   * JSON bytes itself, destination.serialization=json, and the worker runs ByteArrayConverter).
   */
  enum Variant {
    MM2("MM2 MirrorSource", "mm2", false, null),
    PACKED("Spillway packed", "spill-packed", true, JsonConverter.class),
    UNPACKED("Spillway unpacked", "spill-unpacked", false, JsonConverter.class),
    PACKED_FLAT_JSON(
        "Spillway packed, FlatRow", "spill-packed-fr", true, FlatRowJsonConverter.class),
    UNPACKED_FLAT_JSON(
        "Spillway unpacked, FlatRow", "spill-unpacked-fr", false, FlatRowJsonConverter.class),
    PACKED_SERIALIZED(
        "Spillway packed, serialized", "spill-packed-ser", true, ByteArrayConverter.class),
    UNPACKED_SERIALIZED(
        "Spillway unpacked, serialized", "spill-unpacked-ser", false, ByteArrayConverter.class);

    final String label;
    final String slug;
    final boolean packed;
    final Class<?> converter;

    Variant(String label, String slug, boolean packed, Class<?> converter) {
      this.label = label;
      this.slug = slug;
      this.packed = packed;
      this.converter = converter;
    }
  }

  /** One measured run. */
  record Run(
      Variant variant,
      String destination,
      int repeat,
      long records,
      double seconds,
      double firstRecordSeconds,
      long recordsAtFirstSeen,
      long destinationBytes,
      double cpuSeconds,
      double taskCpuSeconds,
      double otherCpuShare) {
    double recordsPerSecond() {
      return records / seconds;
    }

    /** Throughput from the first destination record on, i.e. without connector/task start-up. */
    double steadyRecordsPerSecond() {
      double window = seconds - firstRecordSeconds;
      return window > 0 ? (records - recordsAtFirstSeen) / window : Double.NaN;
    }
  }

  private final EmbeddedKafkaCluster source;
  private final EmbeddedConnect connect;
  private final Admin destinationAdmin;
  private int runCounter;

  SourceReplicationBenchmark(
      EmbeddedKafkaCluster source, EmbeddedConnect connect, Admin destinationAdmin) {
    this.source = source;
    this.connect = connect;
    this.destinationAdmin = destinationAdmin;
  }

  public static void main(String[] args) {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long warmup = args.length > 2 ? Long.parseLong(args[2]) : 0L;
    int status = 1;
    try {
      run(records, repeats, warmup);
      status = 0;
    } catch (Exception | Error e) {
      e.printStackTrace();
    } finally {
      System.out.flush();
      System.err.flush();
      // Broker and worker threads are not all daemons: make sure the JVM ends. exit, not halt,
      // so that shutdown hooks run (a -XX:StartFlightRecording=filename=... recording is dumped).
      System.exit(status);
    }
  }

  private static void run(long records, int repeats, long warmup) throws Exception {
    long t0 = System.nanoTime();
    EmbeddedKafkaCluster source = new EmbeddedKafkaCluster(1, new Properties());
    source.start();
    try {
      source.createTopic(TOPIC, PARTITIONS);
      log("Source cluster up in %.1f s", since(t0));
      long tp = System.nanoTime();
      long payloadBytes = produce(source.bootstrapServers(), TOPIC, records);
      log(
          "Produced %,d records (%,.1f MB, %.0f B/record avg) to %s in %.1f s",
          records, payloadBytes / 1e6, (double) payloadBytes / records, TOPIC, since(tp));
      if (warmup > 0) {
        source.createTopic(WARMUP_TOPIC, PARTITIONS);
        produce(source.bootstrapServers(), WARMUP_TOPIC, warmup);
      }
      long t1 = System.nanoTime();
      try (EmbeddedConnect connect = EmbeddedConnect.builder().workerProps(WORKER_PROPS).start();
          Admin admin =
              Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka()))) {
        log("Connect cluster up in %.1f s", since(t1));
        SourceReplicationBenchmark bench = new SourceReplicationBenchmark(source, connect, admin);
        if (warmup > 0) {
          for (Variant variant : VARIANTS) {
            Run run = bench.copy(variant, 0, WARMUP_TOPIC, warmup);
            bench.verify(run, warmup);
            bench.discard(run);
            log("warm-up %-18s %,d records in %.1f s", variant.label, warmup, run.seconds());
          }
        }
        List<Run> runs = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
          List<Variant> order = new ArrayList<>(VARIANTS);
          Collections.rotate(order, -(repeat - 1));
          for (Variant variant : order) {
            Run run = bench.copy(variant, repeat, TOPIC, records);
            bench.verify(run, records);
            bench.discard(run);
            runs.add(run);
            log(
                "repeat %d %-18s %,d records in %.2f s (%,.0f records/s)",
                repeat, variant.label, records, run.seconds(), run.recordsPerSecond());
          }
        }
        print(records, payloadBytes, repeats, warmup, runs);
      }
    } finally {
      source.stop();
    }
  }

  /** Produces {@code count} orders round-robin over the partitions; returns key + value bytes. */
  static long produce(String bootstrapServers, String topic, long count) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    // Not idempotent: right after a topic's creation its first batches can meet a partition
    // without a leader yet, and the idempotent producer then failed with
    // OutOfOrderSequenceException; one request in flight keeps the order on retries.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < count && failure.get() == null; i++) {
        byte[] key = OrderJson.key(i);
        byte[] value = OrderJson.value(i);
        bytes += key.length + value.length;
        producer.send(
            new ProducerRecord<>(topic, (int) (i % PARTITIONS), key, value),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Producing to " + topic + " failed", failure.get());
    }
    return bytes;
  }

  /**
   * Copies {@code sourceTopic} with a new connector and destination topic; times the copy. The
   * connector is deleted after, the destination kept for {@link #verify} until {@link #discard}.
   */
  Run copy(Variant variant, int repeat, String sourceTopic, long expected)
      throws InterruptedException {
    String id = "r" + (++runCounter);
    String name = variant.slug + "-" + id;
    String destination = destination(variant, id, sourceTopic);
    Map<String, String> config = config(variant, id, sourceTopic);
    long timeoutNanos = Duration.ofSeconds(120 + expected / 1_000).toNanos();

    long cpuStart = ownCpuNanos();
    Map<Long, Long> threadsStart = threadCpuNanos(false);
    long machineStart = machineBusyNanos();
    long start = System.nanoTime();
    connect.configureConnector(name, config);
    List<TopicPartition> partitions = null;
    long firstSeen = -1;
    long countAtFirstSeen = 0;
    long count = 0;
    long nextStatusCheck = start + STATUS_CHECK_NANOS;
    while (true) {
      if (partitions == null) {
        partitions = partitionsOf(destination);
      }
      if (partitions != null) {
        count = endOffsetSum(partitions);
      }
      long now = System.nanoTime();
      if (count > 0 && firstSeen < 0) {
        firstSeen = now;
        countAtFirstSeen = count;
      }
      if (count >= expected) {
        break;
      }
      if (now - start > timeoutNanos) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%s: only %,d of %,d records in %s after %.0f s; status: %s",
                name,
                count,
                expected,
                destination,
                (now - start) / 1e9,
                connect.connectorStatus(name)));
      }
      if (now >= nextStatusCheck) {
        failFast(name);
        nextStatusCheck = now + STATUS_CHECK_NANOS;
      }
      Thread.sleep(POLL_MS);
    }
    long end = System.nanoTime();
    long cpu = ownCpuNanos() - cpuStart;
    long taskCpu = taskCpuSince(threadsStart);
    long machine = machineBusyNanos() - machineStart;
    double otherShare =
        machineStart < 0
            ? Double.NaN
            : Math.max(0, machine - cpu) / ((double) (end - start) * CORES);

    connect.deleteConnector(name);
    awaitDeleted(name);
    long destinationBytes = logBytes(destination);
    return new Run(
        variant,
        destination,
        repeat,
        count,
        (end - start) / 1e9,
        (firstSeen - start) / 1e9,
        countAtFirstSeen,
        destinationBytes,
        cpu / 1e9,
        taskCpu / 1e9,
        otherShare);
  }

  /** Throws unless the run's destination holds exactly the {@code records} of the source topic. */
  void verify(Run run, long records) {
    ReplicaCheck.verify(
        connect.kafka(), run.destination(), PARTITIONS, records, run.variant() == Variant.MM2);
  }

  /** Deletes the run's destination topic and starts the next run on a collected heap. */
  void discard(Run run) throws InterruptedException {
    destinationAdmin.deleteTopics(List.of(run.destination()));
    Thread.sleep(SETTLE_MS); // let the stopped tasks and the topic deletion finish
    // Start the next run on a collected heap, as JMH does between iterations: otherwise a run
    // pays for the old-generation garbage (promoted buffers) of the run before it, which moved
    // one variant's CPU seconds for the same work by up to 3x.
    System.gc();
  }

  private static String destination(Variant variant, String id, String sourceTopic) {
    return switch (variant) {
      // DefaultReplicationPolicy: <source.cluster.alias>.<topic>
      case MM2 -> "mm2_" + id + "." + sourceTopic;
      default -> variant.slug.replace('-', '_') + "_" + id + "_" + sourceTopic;
    };
  }

  Map<String, String> config(Variant variant, String id, String sourceTopic) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("tasks.max", Integer.toString(TASKS));
    if (variant == Variant.MM2) {
      config.put("connector.class", MirrorSourceConnector.class.getName());
      config.put("source.cluster.alias", "mm2_" + id);
      config.put("target.cluster.alias", "target");
      config.put("source.cluster.bootstrap.servers", source.bootstrapServers());
      config.put("target.cluster.bootstrap.servers", connect.kafka());
      config.put("topics", sourceTopic);
      config.put("replication.factor", "1");
      config.put("emit.offset-syncs.enabled", "false");
      config.put("sync.topic.configs.enabled", "false");
      config.put("sync.topic.acls.enabled", "false");
      config.put("key.converter", ByteArrayConverter.class.getName());
      config.put("value.converter", ByteArrayConverter.class.getName());
      config.put("header.converter", ByteArrayConverter.class.getName());
      return config;
    }
    config.put("connector.class", KafkaSourceConnector.class.getName());
    config.put("source.bootstrap.servers", source.bootstrapServers());
    config.put("topics", sourceTopic);
    config.put("destination.topic.format", variant.slug.replace('-', '_') + "_" + id + "_${topic}");
    config.put("flatten.mode", variant.packed ? "packed" : "unpacked");
    config.put("topic.creation.default.replication.factor", "1");
    config.put("topic.creation.default.partitions", Integer.toString(PARTITIONS));
    config.put("key.converter", variant.converter.getName());
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", variant.converter.getName());
    config.put("value.converter.schemas.enable", "false");
    if (variant.converter == ByteArrayConverter.class) {
      config.put("destination.serialization", "json");
      config.put("destination.json.schemas.enable", "false"); // as the converters' above
      config.remove("key.converter.schemas.enable");
      config.remove("value.converter.schemas.enable");
    }
    config.putAll(EXTRA_SPILLWAY_CONFIG);
    return config;
  }

  /** The destination topic's partitions, or null while it does not exist. */
  private List<TopicPartition> partitionsOf(String topic) {
    try {
      TopicDescription description =
          destinationAdmin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return description.partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .toList();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IllegalStateException("Cannot describe " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long endOffsetSum(List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> latest =
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    try {
      Map<TopicPartition, ListOffsetsResultInfo> offsets =
          destinationAdmin.listOffsets(latest).all().get();
      return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    } catch (ExecutionException e) {
      return 0; // a partition without a leader yet, right after the topic's creation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Size on disk of the topic's log segments (all partitions), in bytes. */
  private long logBytes(String topic) {
    try {
      Collection<Node> nodes = destinationAdmin.describeCluster().nodes().get();
      Set<Integer> brokers = nodes.stream().map(Node::id).collect(Collectors.toSet());
      Map<Integer, Map<String, LogDirDescription>> dirs =
          destinationAdmin.describeLogDirs(brokers).allDescriptions().get();
      long bytes = 0;
      for (Map<String, LogDirDescription> byDir : dirs.values()) {
        for (LogDirDescription dir : byDir.values()) {
          for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
            if (replica.getKey().topic().equals(topic)) {
              bytes += replica.getValue().size();
            }
          }
        }
      }
      return bytes;
    } catch (ExecutionException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void failFast(String name) {
    JsonNode status = connect.connectorStatus(name);
    if ("FAILED".equals(status.path("connector").path("state").asText())) {
      throw new IllegalStateException(name + " FAILED: " + status.path("connector"));
    }
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        throw new IllegalStateException(name + " task FAILED: " + task.path("trace").asText());
      }
    }
  }

  private void awaitDeleted(String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        connect.connectorStatus(name);
      } catch (RuntimeException gone) {
        return; // 404 once the worker has removed the connector
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Connector " + name + " still present 60 s after deletion");
  }

  private static void print(
      long records, long payloadBytes, int repeats, long warmup, List<Run> runs) {
    double mbPerRecord = payloadBytes / 1e6 / records;
    Map<Variant, double[]> totals = new EnumMap<>(Variant.class); // records, seconds
    for (Run run : runs) {
      double[] total = totals.computeIfAbsent(run.variant(), v -> new double[4]);
      total[0] += run.records();
      total[1] += run.seconds();
      total[2] += run.cpuSeconds();
      total[3] += run.taskCpuSeconds();
    }
    double mm2 = rate(totals.get(Variant.MM2));

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Kafka source replication: %,d records, %.0f B avg (%,.1f MB key+value), %d partitions,"
            + " tasks.max=%d, %d repeat(s), warm-up %,d records%n",
        records,
        (double) payloadBytes / records,
        payloadBytes / 1e6,
        PARTITIONS,
        TASKS,
        repeats,
        warmup);
    System.out.println("Worker: " + WORKER_PROPS);
    if (!EXTRA_SPILLWAY_CONFIG.isEmpty()) {
      System.out.println("Spillway connectors also: " + EXTRA_SPILLWAY_CONFIG);
    }
    System.out.println(
        "seconds: connector creation -> destination end offsets sum to the record count;"
            + " MB/s: source key+value bytes; steady: from the first destination record on;"
            + " dest MB: destination log size; CPU s: this JVM's CPU time (brokers, worker,"
            + " runner); task s: CPU time of the worker's task threads (poll, convert, send);"
            + " other: other processes' share of the machine's "
            + CORES
            + " cores");
    String header = "%-18s %3s %10s %8s %11s %7s %12s %9s %6s %6s %7s %7s%n";
    String row = "%-18s %3s %,10d %8.2f %,11.0f %7.1f %,12.0f %,9.1f %6.1f %6.1f %6.0f%% %6.2fx%n";
    System.out.printf(
        Locale.ROOT,
        header,
        "variant",
        "run",
        "records",
        "seconds",
        "records/s",
        "MB/s",
        "steady rec/s",
        "dest MB",
        "CPU s",
        "task s",
        "other",
        "vs MM2");
    for (Run run : runs) {
      System.out.printf(
          Locale.ROOT,
          row,
          run.variant().label,
          Integer.toString(run.repeat()),
          run.records(),
          run.seconds(),
          run.recordsPerSecond(),
          run.recordsPerSecond() * mbPerRecord,
          run.steadyRecordsPerSecond(),
          run.destinationBytes() / 1e6,
          run.cpuSeconds(),
          run.taskCpuSeconds(),
          run.otherCpuShare() * 100,
          run.recordsPerSecond() / mm2);
    }
    if (repeats > 1) {
      System.out.println(
          "All repeats (total records / total seconds; CPU s and task s per million records)");
      for (Map.Entry<Variant, double[]> entry : totals.entrySet()) {
        double[] total = entry.getValue();
        double rate = rate(total);
        double millions = total[0] / 1e6;
        System.out.printf(
            Locale.ROOT,
            "%-18s %3s %,10d %8.2f %,11.0f %7.1f %12s %9s %6.1f %6.1f %7s %6.2fx%n",
            entry.getKey().label,
            "all",
            (long) total[0],
            total[1],
            rate,
            rate * mbPerRecord,
            "",
            "",
            total[2] / millions,
            total[3] / millions,
            "",
            rate / mm2);
      }
    }
    if (repeats > 1) {
      System.out.println(
          "Paired ratios: each repeat's variant records/s / that repeat's MM2 records/s"
              + " (median, min-max)");
    }
    goal(runs, totals, mm2, Variant.PACKED, "Spillway packed / MM2", PACKED_GOAL);
    goal(runs, totals, mm2, Variant.UNPACKED, "Spillway unpacked / MM2", UNPACKED_GOAL);
    goal(
        runs,
        totals,
        mm2,
        Variant.PACKED_FLAT_JSON,
        "Spillway packed, FlatRowJsonConverter / MM2",
        PACKED_GOAL);
    goal(
        runs,
        totals,
        mm2,
        Variant.UNPACKED_FLAT_JSON,
        "Spillway unpacked, FlatRowJsonConverter / MM2",
        UNPACKED_GOAL);
  }

  private static double rate(double[] total) {
    return total == null ? Double.NaN : total[0] / total[1];
  }

  /**
   * Judges a goal on both the all-repeats ratio and the median of the per-repeat ratios (each run
   * against the MM2 run of the same repeat, so slow phases of the machine hit both sides).
   */
  private static void goal(
      List<Run> runs,
      Map<Variant, double[]> totals,
      double mm2,
      Variant variant,
      String what,
      double goal) {
    double total = rate(totals.get(variant)) / mm2;
    if (Double.isNaN(total)) {
      return; // a variant that was not run
    }
    List<Double> paired = pairedRatios(runs, variant);
    String pairedText = "";
    boolean met = total >= goal;
    if (paired.size() > 1) {
      double median = median(paired);
      met &= median >= goal;
      pairedText =
          String.format(
              Locale.ROOT,
              ", per repeat median %.2fx (%.2f-%.2f)",
              median,
              paired.get(0),
              paired.get(paired.size() - 1));
    }
    System.out.printf(
        Locale.ROOT,
        "%s = %.2fx all repeats%s (goal >= %.1f): %s%n",
        what,
        total,
        pairedText,
        goal,
        met ? "MET" : "NOT MET");
  }

  /** Sorted ratios of the variant's records/s to MM2's in the same repeat. */
  private static List<Double> pairedRatios(List<Run> runs, Variant variant) {
    Map<Integer, Double> mm2 = new HashMap<>();
    for (Run run : runs) {
      if (run.variant() == Variant.MM2) {
        mm2.put(run.repeat(), run.recordsPerSecond());
      }
    }
    List<Double> ratios = new ArrayList<>();
    for (Run run : runs) {
      Double base = mm2.get(run.repeat());
      if (run.variant() == variant && base != null) {
        ratios.add(run.recordsPerSecond() / base);
      }
    }
    Collections.sort(ratios);
    return ratios;
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * CPU time per live thread, or per live task thread ({@code task-thread-<connector>-<task>}):
   * where a task polls, converts and hands records to its producer. Unlike the JVM's total it
   * leaves out brokers and GC, so it shows a connector's own cost with much less noise.
   */
  private static Map<Long, Long> threadCpuNanos(boolean tasksOnly) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (!tasksOnly || TASK_THREAD.matcher(info.getThreadName()).matches())) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  /** Task threads are pooled and renamed per task: measure from every thread's start value. */
  private static long taskCpuSince(Map<Long, Long> start) {
    long total = 0;
    for (Map.Entry<Long, Long> now : threadCpuNanos(true).entrySet()) {
      total += now.getValue() - start.getOrDefault(now.getKey(), 0L);
    }
    return total;
  }

  /** CPU time of this JVM: both brokers, the worker and this runner. */
  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Busy CPU time of the whole machine from /proc/stat (Linux; USER_HZ = 100), or -1 elsewhere.
   * Minus our own CPU time it shows how much other processes competed with a run.
   */
  private static long machineBusyNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
        busy += Long.parseLong(f[i]);
      }
      return busy * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static Map<String, String> workerProps() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("producer.linger.ms", "10");
    props.put("producer.batch.size", "262144");
    props.put("producer.compression.type", "none");
    props.put("connector.client.config.override.policy", "All");
    return Collections.unmodifiableMap(props);
  }

  private static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "# " + format + "%n", args);
  }
}
