package io.spillway.connect.tablestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.tablestore.client.AuthMode;
import io.spillway.connect.tablestore.client.WriterSettings;
import io.spillway.connect.tablestore.write.DeleteMode;
import io.spillway.connect.tablestore.write.InsertMode;
import io.spillway.connect.tablestore.write.PrimaryKeyMode;
import io.spillway.connect.tablestore.write.TablestoreMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class TablestoreSinkConfigTest {

  /** The aliyun documentation's minimal AccessKey config, as users have it. */
  static Map<String, String> aliyunMinimal() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "tablestore-sink");
    props.put("connector.class", TablestoreSinkConnector.class.getName());
    props.put("topics", "test");
    props.put("tablestore.endpoint", "https://myotstest.cn-hangzhou.ots.aliyuncs.com");
    props.put("tablestore.access.key.id", "LTAI4Fw9kM9BjnJo");
    props.put("tablestore.access.key.secret", "NxrF0kQmw3GmuY7q");
    props.put("tablestore.instance.name", "myotstest");
    return props;
  }

  @Test
  void aliyunDefaultsApply() {
    TablestoreSinkConfig config = new TablestoreSinkConfig(aliyunMinimal());
    assertEquals(TablestoreMode.NORMAL, config.mode());
    assertEquals(PrimaryKeyMode.KAFKA, config.primaryKeyMode());
    assertEquals(InsertMode.PUT, config.insertMode());
    assertEquals(DeleteMode.NONE, config.deleteMode());
    assertFalse(config.autoCreate());
    assertEquals(ErrorTolerance.NONE, config.errorTolerance());
    WriterSettings writer = config.writerSettings();
    assertEquals(1024, writer.bufferSize());
    assertEquals(10, writer.concurrency());
    assertEquals(3, writer.bucketCount());
    assertEquals(10_000, writer.flushIntervalMs());
    assertEquals(Runtime.getRuntime().availableProcessors() + 1, writer.callbackThreads());
    assertTrue(writer.ordered());
    assertEquals("test", config.tableNames().tableOf("test"));
  }

  @Test
  void defaultStsWithOnlyTheAccessKeyPairSignsWithThePair() {
    assertEquals(AuthMode.AKSK, new TablestoreSinkConfig(aliyunMinimal()).connection().authMode());
    Map<String, String> explicitSts = aliyunMinimal();
    explicitSts.put("tablestore.auth.mode", "STS");
    ConfigException error =
        assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(explicitSts));
    assertTrue(error.getMessage().contains("region"), error.getMessage());
    explicitSts.putAll(
        Map.of(
            "region", "cn-hangzhou",
            "account.id", "1234",
            "role.name", "writer",
            "sts.endpoint", "sts.cn-hangzhou.aliyuncs.com"));
    assertEquals(AuthMode.STS, new TablestoreSinkConfig(explicitSts).connection().authMode());
  }

  @Test
  void aksKNeedsBothKeys() {
    Map<String, String> props = aliyunMinimal();
    props.put("tablestore.auth.mode", "AKSK");
    props.remove("tablestore.access.key.secret");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
  }

  @Test
  void secretIsAPassword() {
    TablestoreSinkConfig config = new TablestoreSinkConfig(aliyunMinimal());
    assertFalse(config.toString().contains("NxrF0kQmw3GmuY7q"));
    assertEquals("NxrF0kQmw3GmuY7q", config.connection().accessKeySecret().value());
  }

  @Test
  void tableNamesTakeBothPlaceholdersAndAssignmentsWin() {
    Map<String, String> props = aliyunMinimal();
    props.put("table.name.format", "kafka_<topic>");
    props.put("topics.assign.tables", "orders:all_orders");
    TablestoreSinkConfig config = new TablestoreSinkConfig(props);
    assertEquals("kafka_test", config.tableNames().tableOf("test"));
    assertEquals("all_orders", config.tableNames().tableOf("orders"));
    props.put("table.name.format", "ods_${topic}");
    assertEquals("ods_test", new TablestoreSinkConfig(props).tableNames().tableOf("test"));
    props.put("topics.assign.tables", "orders");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
  }

  @Test
  void deleteModeNeedsRecordKey() {
    Map<String, String> props = aliyunMinimal();
    props.put("delete.mode", "row");
    ConfigException error =
        assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    assertTrue(error.getMessage().startsWith("delete.mode"), error.getMessage());
    props.put("primarykey.mode", "record_key");
    props.put("tablestore.test.primarykey.name", "id");
    props.put("tablestore.test.primarykey.type", "string");
    assertEquals(DeleteMode.ROW, new TablestoreSinkConfig(props).deleteMode());
  }

  @Test
  void recordKeyNeedsMatchingNamesAndTypes() {
    Map<String, String> props = aliyunMinimal();
    props.put("primarykey.mode", "record_key");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("tablestore.test.primarykey.name", "id,name");
    props.put("tablestore.test.primarykey.type", "integer");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("tablestore.test.primarykey.type", "integer,text");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("tablestore.test.primarykey.type", "auto_increment,string");
    new TablestoreSinkConfig(props);
    props.put("tablestore.test.columns.whitelist.name", "a,b");
    props.put("tablestore.test.columns.whitelist.type", "string,float");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("tablestore.test.columns.whitelist.type", "string,double");
    new TablestoreSinkConfig(props);
  }

  @Test
  void writeKeysAreChecked() {
    Map<String, String> props = aliyunMinimal();
    props.put("buffer.size", "1000");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("buffer.size", "2048");
    props.put("flush.Interval", "500");
    assertEquals(500, new TablestoreSinkConfig(props).writerSettings().flushIntervalMs());
    props.put("flush.interval", "250");
    assertEquals(250, new TablestoreSinkConfig(props).writerSettings().flushIntervalMs());
  }

  @Test
  void runtimeErrorKeysAreChecked() {
    Map<String, String> props = aliyunMinimal();
    props.put("runtime.error.tolerance", "all");
    props.put("runtime.error.mode", "kafka");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("runtime.error.bootstrap.servers", "localhost:9092");
    props.put("runtime.error.topic.name", "errors");
    assertEquals(ErrorTolerance.ALL, new TablestoreSinkConfig(props).errorTolerance());
    props.put("runtime.error.mode", "tablestore");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("runtime.error.table.name", "errors");
    new TablestoreSinkConfig(props);
    props.put("runtime.error.mode", "drop");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
  }

  @Test
  void connectErrorsToleranceAllMeansTolerateToo() {
    Map<String, String> props = aliyunMinimal();
    props.put("errors.tolerance", "all");
    assertEquals(ErrorTolerance.ALL, new TablestoreSinkConfig(props).errorTolerance());
  }

  @Test
  void timeseriesKeysAreChecked() {
    Map<String, String> props = aliyunMinimal();
    props.put("tablestore.mode", "timeseries");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("tablestore.timeseries.test.measurement", "<topic>");
    props.put("tablestore.timeseries.test.dataSource", "host");
    props.put("tablestore.timeseries.test.tags", "region,level");
    props.put("tablestore.timeseries.test.time", "timestamp");
    props.put("tablestore.timeseries.test.time.unit", "MILLISECONDS");
    new TablestoreSinkConfig(props);
    props.put("tablestore.timeseries.mapAll", "false");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
    props.put("tablestore.timeseries.test.field.name", "cpu,io");
    props.put("tablestore.timeseries.test.field.type", "double,integer");
    new TablestoreSinkConfig(props);
    props.put("tablestore.timeseries.test.time.unit", "HOURS");
    assertThrows(ConfigException.class, () -> new TablestoreSinkConfig(props));
  }

  @Test
  void validateReportsEachProblemOnItsKey() {
    Map<String, String> props = aliyunMinimal();
    props.put("primarykey.mode", "record_value");
    props.put("delete.mode", "row_and_column");
    props.put("runtime.error.mode", "tablestore");
    Config result = new TablestoreSinkConnector().validate(props);
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : result.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    assertEquals(
        java.util.Set.of(
            "delete.mode", "runtime.error.table.name", "tablestore.test.primarykey.name"),
        errors.keySet(),
        errors.toString());
  }
}
