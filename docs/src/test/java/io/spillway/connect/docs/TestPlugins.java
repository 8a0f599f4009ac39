package io.spillway.connect.docs;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;

/** Minimal plugins for generator tests; both define {@code topic} to exercise anchor suffixes. */
public final class TestPlugins {

  private TestPlugins() {}

  public static final class Rename implements Transformation<SinkRecord> {
    @Override
    public ConfigDef config() {
      return new ConfigDef().define("topic", Type.STRING, "renamed", Importance.HIGH, "New name.");
    }

    @Override
    public SinkRecord apply(SinkRecord record) {
      return record;
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void close() {}
  }

  public static final class Echo implements Converter {
    @Override
    public ConfigDef config() {
      return new ConfigDef().define("topic", Type.STRING, null, Importance.LOW, "Echo topic.");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
      return new byte[0];
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
      return SchemaAndValue.NULL;
    }
  }
}
