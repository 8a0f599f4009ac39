package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.tablestore.client.TablestoreErrors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

/**
 * The bytes an error report carries for a record's key, value and headers. A sink task never sees
 * the bytes a record arrived with, only what the worker's converters made of them, so they are
 * rebuilt as the common converters would have read them: bytes as they are (ByteArrayConverter),
 * text as UTF-8 (StringConverter), anything else as JSON through Connect's JsonConverter, with the
 * schema envelope when the record has a schema (as the aliyun connector writes them, and as
 * JsonConverter with schemas.enable=true reads them back), plain JSON when it has none. Headers go
 * through Connect's default SimpleHeaderConverter, which gives back the text it parsed.
 */
public final class ErrorReportFormat {
  /** The header that says why the record could not be written, named as the aliyun connector. */
  public static final String ERROR_INFO_HEADER = "ErrorInfo";

  private final JsonConverter keyEnveloped = json(true, true);
  private final JsonConverter keyPlain = json(true, false);
  private final JsonConverter valueEnveloped = json(false, true);
  private final JsonConverter valuePlain = json(false, false);
  private final SimpleHeaderConverter headers = new SimpleHeaderConverter();

  private static JsonConverter json(boolean isKey, boolean schemas) {
    JsonConverter converter = new JsonConverter();
    converter.configure(
        Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemas)), isKey);
    return converter;
  }

  public byte[] key(SinkRecord record) {
    return bytes(
        record.topic(),
        record.keySchema(),
        record.key(),
        record.keySchema() == null ? keyPlain : keyEnveloped);
  }

  public byte[] value(SinkRecord record) {
    return bytes(
        record.topic(),
        record.valueSchema(),
        record.value(),
        record.valueSchema() == null ? valuePlain : valueEnveloped);
  }

  public byte[] header(String topic, Header header) {
    Object value = header.value();
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return headers.fromConnectHeader(topic, header.key(), header.schema(), value);
  }

  private static byte[] bytes(String topic, Schema schema, Object value, JsonConverter json) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return json.fromConnectData(topic, schema, value);
  }

  /**
   * "Error: &lt;class&gt;, Message: &lt;message&gt;" as the aliyun connector writes it, then the
   * Tablestore error code when there is one and where the record came from.
   */
  public static String errorInfo(SinkRecord record, Throwable error) {
    // ErrorPolicy wraps the reason in a DataException that repeats the position: name the reason.
    Throwable reason =
        error instanceof DataException && error.getCause() != null ? error.getCause() : error;
    String type = reason.getClass().getSimpleName();
    String code = TablestoreErrors.code(reason);
    return "Error: "
        + type
        + ", Message: "
        + reason.getMessage()
        + (code.equals(type) ? "" : ", Code: " + code)
        + ", Record: "
        + ErrantRecords.position(record).describe();
  }

  public void close() {
    keyEnveloped.close();
    keyPlain.close();
    valueEnveloped.close();
    valuePlain.close();
  }
}
