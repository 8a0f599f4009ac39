package io.spillway.connect.tablestore;

import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.sink.RetryConfig;
import io.spillway.connect.common.sink.RetryPolicy;
import io.spillway.connect.tablestore.client.ConnectionConfig;
import io.spillway.connect.tablestore.client.ConnectionConfig.Connection;
import io.spillway.connect.tablestore.client.WriterSettings;
import io.spillway.connect.tablestore.timeseries.TimeseriesConfig;
import io.spillway.connect.tablestore.write.DeleteMode;
import io.spillway.connect.tablestore.write.ErrorConfig;
import io.spillway.connect.tablestore.write.InsertMode;
import io.spillway.connect.tablestore.write.PrimaryKeyConfig;
import io.spillway.connect.tablestore.write.PrimaryKeyMode;
import io.spillway.connect.tablestore.write.RuntimeErrorMode;
import io.spillway.connect.tablestore.write.TableNames;
import io.spillway.connect.tablestore.write.TableNamesConfig;
import io.spillway.connect.tablestore.write.TablestoreMode;
import io.spillway.connect.tablestore.write.WhitelistConfig;
import io.spillway.connect.tablestore.write.WritesConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Settings of the Tablestore sink: the aliyun kafka-connect-tablestore keys with their defaults
 * (connection and auth, tables, writes, primary key, errors, time series), plus the retry keys of
 * the sink kit. Per-table keys ({@code tablestore.<table>.…}) are read from the raw settings and
 * checked for every table the config names (its {@code topics} and {@code topics.assign.tables}).
 */
public class TablestoreSinkConfig extends CrossFieldConfig {
  /** Connect's sink key listing the topics; names the tables whose per-table keys are checked. */
  public static final String TOPICS = "topics";

  public static final String RETRIABLE_ERRORS =
      "Tablestore error (OTSServerBusy, OTSQuotaExhausted, OTSTimeout, OTSInternalServerError,"
          + " connection lost)";

  public static final ConfigDef CONFIG_DEF = configDef();

  public TablestoreSinkConfig(Map<String, String> props) {
    this(props, true);
  }

  private TablestoreSinkConfig(Map<String, String> props, boolean check) {
    super(CONFIG_DEF, props, check);
  }

  /** A config that does not fail on cross-field errors, for the connector's validate. */
  static TablestoreSinkConfig forValidation(Map<String, String> props) {
    return new TablestoreSinkConfig(props, false);
  }

  private static ConfigDef configDef() {
    ConfigDef def = ConnectionConfig.define(new ConfigDef());
    TableNamesConfig.define(def);
    PrimaryKeyConfig.define(def);
    WritesConfig.define(def);
    RetryConfig.define(def, WritesConfig.GROUP, RETRIABLE_ERRORS);
    ErrorConfig.define(def);
    return TimeseriesConfig.define(def);
  }

  @Override
  public List<Map.Entry<String, String>> crossFieldErrors() {
    List<Map.Entry<String, String>> errors = super.crossFieldErrors();
    errors.addAll(ConnectionConfig.errors(this));
    errors.addAll(TableNamesConfig.errors(this));
    errors.addAll(WritesConfig.errors(this));
    errors.addAll(ErrorConfig.errors(this));
    Set<String> tables = namedTables();
    if (mode() == TablestoreMode.TIMESERIES) {
      errors.addAll(TimeseriesConfig.errors(this, tables));
    } else {
      errors.addAll(PrimaryKeyConfig.errors(this, tables));
      errors.addAll(WhitelistConfig.errors(props(), tables));
    }
    return errors;
  }

  /** The tables of the topics the config lists (none for a topics.regex config). */
  public Set<String> namedTables() {
    TableNames names = tableNames();
    Set<String> tables = new LinkedHashSet<>();
    for (String topic : props().getOrDefault(TOPICS, "").split(",")) {
      if (!topic.isBlank()) {
        tables.add(names.tableOf(topic.trim()));
      }
    }
    for (String entry : getList(TableNamesConfig.TOPICS_ASSIGN_TABLES)) {
      int colon = entry.indexOf(':');
      if (colon > 0 && colon < entry.length() - 1) {
        tables.add(entry.substring(colon + 1).trim());
      }
    }
    return tables;
  }

  /** The connector's raw settings, where the per-table keys are. */
  public Map<String, String> props() {
    return originalsStrings();
  }

  public Connection connection() {
    return ConnectionConfig.connection(this);
  }

  public TablestoreMode mode() {
    return TableNamesConfig.mode(this);
  }

  public TableNames tableNames() {
    return TableNamesConfig.tableNames(this);
  }

  public PrimaryKeyMode primaryKeyMode() {
    return PrimaryKeyConfig.mode(this);
  }

  public InsertMode insertMode() {
    return WritesConfig.insertMode(this);
  }

  public DeleteMode deleteMode() {
    return WritesConfig.deleteMode(this);
  }

  public boolean autoCreate() {
    return WritesConfig.autoCreate(this);
  }

  /** buffer.max.bytes: the task waits for its writer above this many bytes in flight. */
  public long bufferMaxBytes() {
    return WritesConfig.bufferMaxBytes(this);
  }

  public WriterSettings writerSettings() {
    return WritesConfig.writerSettings(this);
  }

  public RetryPolicy retryPolicy() {
    return RetryConfig.policy(this);
  }

  public ErrorTolerance errorTolerance() {
    return ErrorConfig.tolerance(this);
  }

  /** Connect's own errors.tolerance: its dead letter queue takes records only under all. */
  public ErrorTolerance connectErrorTolerance() {
    return ErrorConfig.connectTolerance(this);
  }

  public RuntimeErrorMode runtimeErrorMode() {
    return ErrorConfig.mode(this);
  }
}
