package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.sink.ErrantRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * What happens to a record that cannot be written (it cannot be mapped to a row, or Tablestore
 * refuses the row): the aliyun connector's runtime.error.* keys, combined with Connect's own
 * errors.tolerance and dead letter queue.
 */
public final class ErrorConfig {
  public static final String GROUP = "Errors";

  public static final String TOLERANCE = "runtime.error.tolerance";
  public static final String TOLERANCE_DEFAULT = "none";
  public static final String TOLERANCE_DOC =
      "'none': a record that cannot be written fails the task, naming its topic, partition and"
          + " offset. 'all': it goes to runtime.error.mode's destination and the task goes on."
          + " Connect's errors.tolerance=all has the same effect.";

  public static final String MODE = "runtime.error.mode";
  public static final String MODE_DEFAULT = "ignore";
  public static final String MODE_DOC =
      "Where tolerated errors go. 'ignore': counted and logged (never silently), and sent to"
          + " Connect's dead letter queue when errors.tolerance=all and"
          + " errors.deadletterqueue.topic.name are set. 'kafka': the record with its headers"
          + " plus an ErrorInfo header to runtime.error.topic.name on"
          + " runtime.error.bootstrap.servers. 'tablestore': a row in runtime.error.table.name"
          + " (topic_partition, offset; key, value, error_info). A record's offset is committed"
          + " only once its error report is written.";

  public static final String BOOTSTRAP_SERVERS = "runtime.error.bootstrap.servers";
  public static final String BOOTSTRAP_SERVERS_DOC =
      "runtime.error.mode=kafka: the cluster of runtime.error.topic.name (host:port,...)."
          + " Security and other producer settings pass through with the '"
          + "runtime.error.producer.' prefix, e.g. runtime.error.producer.security.protocol="
          + "SASL_SSL. The producer always uses acks=all and idempotence.";

  /** Passthrough prefix of the error producer's settings (security, timeouts, sizes). */
  public static final String PRODUCER_PREFIX = "runtime.error.producer.";

  public static final String TOPIC_NAME = "runtime.error.topic.name";
  public static final String TOPIC_NAME_DOC =
      "runtime.error.mode=kafka: the error topic. Not created by the sink (as in the aliyun"
          + " connector): the broker creates it when auto.create.topics.enable is on, otherwise"
          + " create it first. Its max.message.bytes must take the largest record.";

  public static final String TABLE_NAME = "runtime.error.table.name";
  public static final String TABLE_NAME_DOC =
      "runtime.error.mode=tablestore: the error table, primary key topic_partition (STRING),"
          + " offset (INTEGER); columns key, value (BINARY), error_info (STRING). Created with"
          + " that key when missing and auto.create=true; checked otherwise.";

  private ErrorConfig() {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            TOLERANCE,
            Type.STRING,
            TOLERANCE_DEFAULT,
            EnumValidator.of(ErrorTolerance.class),
            Importance.MEDIUM,
            TOLERANCE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Runtime error tolerance")
        .define(
            MODE,
            Type.STRING,
            MODE_DEFAULT,
            EnumValidator.of(RuntimeErrorMode.class),
            Importance.MEDIUM,
            MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Runtime error mode")
        .define(
            BOOTSTRAP_SERVERS,
            Type.STRING,
            "",
            Importance.MEDIUM,
            BOOTSTRAP_SERVERS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Error cluster")
        .define(
            TOPIC_NAME,
            Type.STRING,
            "",
            Importance.MEDIUM,
            TOPIC_NAME_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Error topic")
        .define(
            TABLE_NAME,
            Type.STRING,
            "",
            Importance.MEDIUM,
            TABLE_NAME_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Error table");
  }

  public static RuntimeErrorMode mode(AbstractConfig config) {
    return EnumValidator.parse(RuntimeErrorMode.class, config.getString(MODE));
  }

  /** Connect's errors.tolerance, as the connector config sets it. */
  public static ErrorTolerance connectTolerance(AbstractConfig config) {
    return ErrantRecords.tolerance(config.originalsStrings());
  }

  /** All when either runtime.error.tolerance or Connect's errors.tolerance says all. */
  public static ErrorTolerance tolerance(AbstractConfig config) {
    ErrorTolerance runtime = EnumValidator.parse(ErrorTolerance.class, config.getString(TOLERANCE));
    return runtime == ErrorTolerance.ALL || connectTolerance(config) == ErrorTolerance.ALL
        ? ErrorTolerance.ALL
        : ErrorTolerance.NONE;
  }

  public static List<Map.Entry<String, String>> errors(AbstractConfig config) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    switch (mode(config)) {
      case KAFKA -> {
        if (config.getString(BOOTSTRAP_SERVERS).isBlank()) {
          errors.add(Map.entry(BOOTSTRAP_SERVERS, "runtime.error.mode=kafka needs the cluster"));
        } else {
          ErrorProducer.problem(config).ifPresent(errors::add);
        }
        if (config.getString(TOPIC_NAME).isBlank()) {
          errors.add(Map.entry(TOPIC_NAME, "runtime.error.mode=kafka needs the error topic"));
        }
      }
      case TABLESTORE -> {
        if (config.getString(TABLE_NAME).isBlank()) {
          errors.add(Map.entry(TABLE_NAME, "runtime.error.mode=tablestore needs the error table"));
        }
      }
      case IGNORE -> {}
    }
    return errors;
  }
}
