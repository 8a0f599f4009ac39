package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.TimeseriesProtocolBuilder;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.TimeseriesResponseFactory;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.DataType;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FieldValues;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FlatBufferRowGroup;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FlatBufferRowInGroup;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FlatBufferRows;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.spillway.connect.testkit.tablestore.TimeseriesStore.Point;
import io.spillway.connect.testkit.tablestore.TimeseriesStore.SeriesKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Time series rows: PutTimeseriesData sends FlatBuffers (one row group per row, field values in
 * per-type vectors); GetTimeseriesData replies with PlainBuffer rows keyed (_#h, _m_name,
 * _data_source, _tags, _time) whose field columns are named "field:type".
 */
final class TimeseriesCodec {
  private TimeseriesCodec() {}

  /** The rows of a put, in request order; a row that cannot be a point is an OtsException. */
  static List<Point> decode(Timeseries.TimeseriesRows rows) {
    if (rows.getType() != Timeseries.RowsSerializeType.RST_FLAT_BUFFER) {
      throw OtsException.invalid("TablestoreServer reads FlatBuffer time series rows only.");
    }
    byte[] data = rows.getRowsData().toByteArray();
    if (rows.hasFlatbufferCrc32C()) {
      CRC32C crc = new CRC32C();
      crc.update(data);
      if ((int) crc.getValue() != rows.getFlatbufferCrc32C()) {
        throw OtsException.invalid("The crc32c of the flatbuffer rows mismatches.");
      }
    }
    FlatBufferRows root = FlatBufferRows.getRootAsFlatBufferRows(ByteBuffer.wrap(data));
    List<Point> points = new ArrayList<>();
    for (int g = 0; g < root.rowGroupsLength(); g++) {
      FlatBufferRowGroup group = root.rowGroups(g);
      for (int r = 0; r < group.rowsLength(); r++) {
        FlatBufferRowInGroup row = group.rows(r);
        SortedMap<String, String> tags = new TreeMap<>();
        for (int t = 0; t < row.tagListLength(); t++) {
          tags.put(row.tagList(t).name(), row.tagList(t).value());
        }
        if (row.tags() != null && !row.tags().isEmpty()) {
          tags.putAll(TimeseriesResponseFactory.parseTagsOrAttrs(row.tags()));
        }
        SeriesKey key =
            new SeriesKey(group.measurementName(), nullToEmpty(row.dataSource()), tagsString(tags));
        points.add(new Point(key, row.time(), fields(group, row.fieldValues())));
      }
    }
    return points;
  }

  private static SortedMap<String, ColumnValue> fields(FlatBufferRowGroup group, FieldValues v) {
    SortedMap<String, ColumnValue> fields = new TreeMap<>();
    int longs = 0, bools = 0, doubles = 0, strings = 0, binaries = 0;
    for (int f = 0; f < group.fieldNamesLength(); f++) {
      ColumnValue value =
          switch (group.fieldTypes(f)) {
            case DataType.LONG -> ColumnValue.fromLong(v.longValues(longs++));
            case DataType.BOOLEAN -> ColumnValue.fromBoolean(v.boolValues(bools++));
            case DataType.DOUBLE -> ColumnValue.fromDouble(v.doubleValues(doubles++));
            case DataType.STRING -> ColumnValue.fromString(v.stringValues(strings++));
            case DataType.BINARY -> {
              ByteBuffer bytes = v.binaryValues(binaries++).valueAsByteBuffer();
              byte[] copy = new byte[bytes == null ? 0 : bytes.remaining()];
              if (bytes != null) {
                bytes.get(copy);
              }
              yield ColumnValue.fromBinary(copy);
            }
            default -> throw OtsException.invalid("Unknown field type " + group.fieldTypes(f));
          };
      fields.put(group.fieldNames(f), value);
    }
    return fields;
  }

  static SeriesKey key(Timeseries.TimeseriesKey key) {
    SortedMap<String, String> tags = new TreeMap<>();
    key.getTagListList().forEach(t -> tags.put(t.getName(), t.getValue()));
    if (key.hasTags() && !key.getTags().isEmpty()) {
      tags.putAll(TimeseriesResponseFactory.parseTagsOrAttrs(key.getTags()));
    }
    return new SeriesKey(key.getMeasurement(), key.getSource(), tagsString(tags));
  }

  static String tagsString(SortedMap<String, String> tags) {
    try {
      return TimeseriesProtocolBuilder.buildTagsString(tags);
    } catch (IllegalArgumentException e) {
      throw OtsException.invalid(e.getMessage());
    }
  }

  /** The key a failRows predicate sees for a time series row. */
  static PrimaryKey primaryKey(Point p) {
    return PrimaryKeyBuilder.createPrimaryKeyBuilder()
        .addPrimaryKeyColumn("_m_name", PrimaryKeyValue.fromString(p.key().measurement()))
        .addPrimaryKeyColumn("_data_source", PrimaryKeyValue.fromString(p.key().source()))
        .addPrimaryKeyColumn("_tags", PrimaryKeyValue.fromString(p.key().tags()))
        .addPrimaryKeyColumn("_time", PrimaryKeyValue.fromLong(p.timeUs()))
        .build();
  }

  static ByteString encode(List<Point> points) {
    List<Row> rows = new ArrayList<>(points.size());
    for (Point p : points) {
      List<PrimaryKeyColumn> key = new ArrayList<>();
      key.add(
          new PrimaryKeyColumn(
              "_#h", PrimaryKeyValue.fromString(Integer.toHexString(p.key().hashCode()))));
      key.addAll(List.of(primaryKey(p).getPrimaryKeyColumns()));
      List<Column> columns = new ArrayList<>();
      p.fields()
          .forEach((name, value) -> columns.add(new Column(name + ":" + suffix(value), value)));
      rows.add(new Row(new PrimaryKey(key), columns));
    }
    return RowCodec.encode(rows);
  }

  private static String suffix(ColumnValue value) {
    return switch (value.getType()) {
      case INTEGER -> "l";
      case BOOLEAN -> "b";
      case DOUBLE -> "d";
      case STRING -> "s";
      case BINARY -> "n";
      default -> throw OtsException.invalid("Unsupported field type " + value.getType());
    };
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
