package io.spillway.connect.tablestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.timeseries.GetTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Time series mode as users run it: the plugin archive in a Connect worker, the aliyun
 * documentation's time series mapping, JSON readings produced to Kafka, points read back with
 * GetTimeseriesData and compared, unmappable readings read back from the dead letter queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeseriesSinkIT {
  private static final String CONNECTOR = "io.spillway.connect.tablestore.TablestoreSinkConnector";
  private static final long T0 = 1_700_000_000_000L;
  private static final int HOSTS = 4;
  private static final int READINGS = 200;

  private TablestoreServer server;
  private EmbeddedConnect connect;

  @BeforeAll
  void start() {
    server = TablestoreServer.start();
    connect = EmbeddedConnect.builder().modulePluginArchive().start();
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Map<String, String> connector() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CONNECTOR);
    config.put("topics", "cpu");
    config.put("tasks.max", "2");
    config.putAll(server.sinkConnection());
    config.put("tablestore.mode", "timeseries");
    config.put("auto.create", "true");
    config.put("flush.Interval", "200");
    config.put("tablestore.timeseries.cpu.measurement", "<topic>");
    config.put("tablestore.timeseries.cpu.dataSource", "ds");
    config.put("tablestore.timeseries.cpu.tags", "tag1,tag2");
    config.put("tablestore.timeseries.cpu.time", "time");
    config.put("tablestore.timeseries.cpu.time.unit", "MILLISECONDS");
    config.put("tablestore.timeseries.rowsPerBatch", "50");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "cpu-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  @Test
  void everyReadingBecomesItsPointAndUnmappableOnesGoToTheDeadLetterQueue() {
    connect.createTopic("cpu", 2);
    Map<String, Map<Long, String>> sent = new TreeMap<>();
    int bad = 0;
    for (int i = 0; i < READINGS; i++) {
      String host = "host-" + (i % HOSTS);
      long time = T0 + i * 1000L;
      boolean unmappable = i % 40 == 13;
      String timeJson = unmappable ? "\"not a time\"" : Long.toString(time);
      connect.produce(
          "cpu",
          host,
          String.format(
              "{\"ds\":\"%s\",\"tag1\":\"eu\",\"tag2\":\"r%d\",\"time\":%s,\"Usage\":%d.5,"
                  + "\"state\":\"s%d\"}",
              host, i % 2, timeJson, i, i),
          null);
      if (unmappable) {
        bad++;
      } else {
        sent.computeIfAbsent(host + "/r" + (i % 2), k -> new TreeMap<>())
            .put(time * 1000, "usage=" + i + ".5,state=s" + i);
      }
    }
    int good = READINGS - bad;
    connect.configureConnector("cpu-timeseries", connector());
    connect.awaitConnectorRunning("cpu-timeseries", 2);

    Map<String, Map<Long, String>> received =
        Await.value(
            Duration.ofSeconds(90),
            good + " points in time series table cpu",
            () -> {
              Map<String, Map<Long, String>> points = readPoints(sent.keySet());
              int count = points.values().stream().mapToInt(Map::size).sum();
              return count >= good ? points : null;
            });
    assertEquals(sent, received, "every mappable reading, as its point");

    List<ConsumerRecord<byte[], byte[]>> dead =
        connect.consume("cpu-dlq", bad, Duration.ofSeconds(60));
    assertEquals(bad, dead.size());
    for (ConsumerRecord<byte[], byte[]> record : dead) {
      String value = new String(record.value(), StandardCharsets.UTF_8);
      assertTrue(value.contains("not a time"), value);
      String reason =
          new String(
              record.headers().lastHeader("__connect.errors.exception.message").value(),
              StandardCharsets.UTF_8);
      assertTrue(reason.contains("time field 'time'"), reason);
      assertTrue(reason.contains("topic 'cpu'"), reason);
    }
    connect.deleteConnector("cpu-timeseries");
  }

  /** The points of each "host/rack" series: time in microseconds to its fields as text. */
  private Map<String, Map<Long, String>> readPoints(Iterable<String> series) {
    TimeseriesClient client = server.timeseriesClient();
    try {
      Map<String, Map<Long, String>> points = new TreeMap<>();
      for (String name : series) {
        String[] parts = name.split("/");
        GetTimeseriesDataRequest get = new GetTimeseriesDataRequest("cpu");
        get.setTimeseriesKey(
            new TimeseriesKey("cpu", parts[0], Map.of("tag1", "eu", "tag2", parts[1])));
        get.setTimeRange(0, Long.MAX_VALUE);
        for (TimeseriesRow row : client.getTimeseriesData(get).getRows()) {
          Map<String, ColumnValue> fields = row.getFields();
          points
              .computeIfAbsent(name, k -> new TreeMap<>())
              .put(
                  row.getTimeInUs(),
                  "usage="
                      + fields.get("usage").asDouble()
                      + ",state="
                      + fields.get("state").asString());
        }
      }
      return points;
    } catch (RuntimeException e) {
      return Map.of(); // the table is not created yet
    } finally {
      client.shutdown();
    }
  }
}
