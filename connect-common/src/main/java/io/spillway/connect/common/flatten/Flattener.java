package io.spillway.connect.common.flatten;

import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.avro.ConfluentAvroDecoder;
import io.spillway.connect.common.avro.SchemaRegistryClient;
import io.spillway.connect.common.errors.BadInputException;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.json.JsonText;
import io.spillway.connect.common.json.ValueText;
import io.spillway.connect.common.policy.ColumnPolicies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;

/**
 * Turns a Kafka record, raw (as a consumer reads it) or converted (as a sink receives it), into a
 * {@link FlatRecord}: the one record model of every Spillway plugin (see docs/record-model.md). Bad
 * input is never dropped: per {@code flatten.errors.tolerance} it fails with the record's
 * coordinates or is kept packed with an {@code _error} column. Not thread-safe: one per task.
 */
public final class Flattener {
  private static final FlatColumn NO_HEADERS =
      new FlatColumn(Columns.HEADERS, Columns.OPTIONAL_STRING, null);

  private final FlattenMode mode;
  private final MessageType messageType;
  private final KeyType keyType;
  private final ErrorTolerance tolerance;
  private final ColumnPolicies policies;
  private final RawPayloads raw;
  private final ConnectColumns connectKeys = new ConnectColumns();
  private final ConnectColumns connectValues = new ConnectColumns();

  public Flattener(FlattenConfig config) {
    this(config, registryFor(config));
  }

  public Flattener(FlattenConfig config, SchemaRegistryClient registry) {
    this.mode = config.mode();
    this.messageType = config.messageType();
    this.keyType = config.keyType();
    this.tolerance = config.errorTolerance();
    this.policies = config.columnPolicies();
    this.raw = new RawPayloads(registry == null ? null : new ConfluentAvroDecoder(registry));
  }

  private static SchemaRegistryClient registryFor(FlattenConfig config) {
    if (config.schemaRegistryUrls().isEmpty()) {
      return null;
    }
    String userInfo =
        config.schemaRegistryUserInfo() == null ? null : config.schemaRegistryUserInfo().value();
    return new SchemaRegistryClient(
        config.schemaRegistryUrls(), userInfo, config.schemaRegistryTimeout());
  }

  public FlatRecord flatten(RawRecord record) {
    List<FlatColumn> columns = new ArrayList<>(16);
    addMetadata(columns, record.position(), record.timestamp(), record.timestampType());
    int keyStart = columns.size();
    String what = "key";
    try {
      raw.key(record.key(), keyType, columns);
      columns.add(headersColumn(record.headers()));
      what = "value";
      boolean tombstone = record.value() == null;
      if (tombstone) {
        addTombstoneValue(columns, messageType);
      } else {
        raw.value(record.value(), messageType, unpacks(messageType), columns);
      }
      return finish(record.position(), columns, tombstone, null);
    } catch (BadInputException e) {
      columns.subList(keyStart, columns.size()).clear();
      columns.add(keyText(record.key()));
      columns.add(headersColumn(record.headers()));
      columns.add(
          RawPayloads.packed(
              record.value() == null ? null : raw.utf8().textOrBase64(record.value())));
      return keep(record.position(), what, columns, e);
    }
  }

  public FlatRecord flatten(ConnectInput record) {
    List<FlatColumn> columns = new ArrayList<>(16);
    addMetadata(columns, record.position(), record.timestamp(), record.timestampType());
    int keyStart = columns.size();
    String what = "key";
    try {
      connectKey(record.keySchema(), record.key(), columns);
      columns.add(headersColumn(record.headers()));
      what = "value";
      boolean tombstone = record.value() == null;
      if (tombstone) {
        addTombstoneValue(columns, messageType);
      } else {
        connectValue(record.valueSchema(), record.value(), columns);
      }
      return finish(record.position(), columns, tombstone, null);
    } catch (BadInputException e) {
      columns.subList(keyStart, columns.size()).clear();
      columns.add(
          new FlatColumn(
              Columns.KEY, Columns.OPTIONAL_STRING, anyText(record.keySchema(), record.key())));
      columns.add(headersColumn(record.headers()));
      columns.add(RawPayloads.packed(anyText(record.valueSchema(), record.value())));
      return keep(record.position(), what, columns, e);
    }
  }

  private FlatRecord keep(
      RecordPosition position, String what, List<FlatColumn> columns, BadInputException e) {
    if (tolerance == ErrorTolerance.NONE) {
      throw BadInputException.at(position, what, e);
    }
    String reason = what + ": " + e.reason();
    columns.add(new FlatColumn(Columns.ERROR, Columns.OPTIONAL_STRING, reason));
    return finish(position, columns, false, reason);
  }

  private FlatRecord finish(
      RecordPosition position, List<FlatColumn> columns, boolean tombstone, String error) {
    applyPolicies(columns);
    return new FlatRecord(position, columns, tombstone, error);
  }

  private void applyPolicies(List<FlatColumn> columns) {
    if (policies.isEmpty()) {
      return;
    }
    columns.removeIf(column -> policies.blocks(column.name()));
    for (int i = 0; i < columns.size(); i++) {
      FlatColumn column = columns.get(i);
      if (policies.hashes(column.name())) {
        String text = ValueText.of(column.schema(), column.value());
        columns.set(
            i,
            new FlatColumn(
                column.name(), Columns.OPTIONAL_STRING, text == null ? null : policies.hash(text)));
      }
    }
  }

  private static void addMetadata(
      List<FlatColumn> columns, RecordPosition position, Long timestamp, TimestampType type) {
    columns.add(new FlatColumn(Columns.PARTITION, Columns.PARTITION_SCHEMA, position.partition()));
    columns.add(new FlatColumn(Columns.OFFSET, Columns.OFFSET_SCHEMA, position.offset()));
    columns.add(
        new FlatColumn(
            Columns.TIMESTAMP,
            Columns.TIMESTAMP_SCHEMA,
            timestamp == null ? null : new Date(timestamp)));
    String typeName =
        type == null || type == TimestampType.NO_TIMESTAMP_TYPE ? null : type.toString();
    columns.add(new FlatColumn(Columns.TIMESTAMP_TYPE, Columns.OPTIONAL_STRING, typeName));
  }

  private boolean unpacks(MessageType type) {
    return mode == FlattenMode.UNPACKED || (mode == FlattenMode.AUTO && type == MessageType.AVRO);
  }

  private void addTombstoneValue(List<FlatColumn> columns, MessageType type) {
    if (!unpacks(type)) {
      columns.add(RawPayloads.packed(null));
    }
  }

  private void connectKey(Schema schema, Object key, List<FlatColumn> out) {
    if (key instanceof Struct struct) {
      connectKeys.unpackStruct(struct, Columns.KEY_PREFIX, out);
    } else if (key instanceof byte[] bytes) {
      raw.key(bytes, keyType, out);
    } else {
      out.add(new FlatColumn(Columns.KEY, Columns.OPTIONAL_STRING, anyText(schema, key)));
    }
  }

  private void connectValue(Schema schema, Object value, List<FlatColumn> out) {
    if (value instanceof Struct struct) {
      if (mode == FlattenMode.PACKED) {
        out.add(RawPayloads.packed(JsonText.of(schema, struct)));
      } else {
        connectValues.unpackStruct(struct, Columns.VALUE_PREFIX, out);
      }
    } else if (value instanceof Map<?, ?> map) {
      if (mode == FlattenMode.UNPACKED) {
        ConnectColumns.unpackMap(map, Columns.VALUE_PREFIX, out);
      } else {
        out.add(RawPayloads.packed(JsonText.of(schema, map)));
      }
    } else if (value instanceof byte[] bytes) {
      raw.value(bytes, messageType, unpacks(messageType), out);
    } else if (value instanceof String text) {
      if (messageType == MessageType.AVRO) {
        throw new BadInputException(
            "expected Confluent-wire Avro bytes but got a string; use ByteArrayConverter");
      }
      raw.value(text.getBytes(StandardCharsets.UTF_8), messageType, unpacks(messageType), out);
    } else {
      out.add(RawPayloads.packed(anyText(schema, value)));
    }
  }

  private FlatColumn keyText(byte[] key) {
    return new FlatColumn(
        Columns.KEY, Columns.OPTIONAL_STRING, key == null ? null : raw.utf8().textOrBase64(key));
  }

  private String anyText(Schema schema, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof byte[] bytes) {
      return raw.utf8().textOrBase64(bytes);
    }
    if (value instanceof Struct || value instanceof Map || value instanceof List) {
      return JsonText.of(schema, value);
    }
    return ValueText.of(schema, value);
  }

  private FlatColumn headersColumn(Iterable<Header> headers) {
    Iterator<Header> each = headers.iterator();
    if (!each.hasNext()) {
      return NO_HEADERS; // most records: no HeaderColumns and no lists per record
    }
    HeaderColumns json = new HeaderColumns();
    while (each.hasNext()) {
      Header header = each.next();
      json.add(
          header.key(), header.value() == null ? null : raw.utf8().textOrBase64(header.value()));
    }
    return new FlatColumn(Columns.HEADERS, Columns.OPTIONAL_STRING, json.toJson());
  }

  private FlatColumn headersColumn(Headers headers) {
    HeaderColumns json = new HeaderColumns();
    for (org.apache.kafka.connect.header.Header header : headers) {
      json.add(header.key(), anyText(header.schema(), header.value()));
    }
    return new FlatColumn(Columns.HEADERS, Columns.OPTIONAL_STRING, json.toJson());
  }
}
