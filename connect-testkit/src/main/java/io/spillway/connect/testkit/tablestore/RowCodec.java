package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferBuilder;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCodedInputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCodedOutputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConversion;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferInputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferOutputStream;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** PlainBuffer (Tablestore's row encoding inside protobuf fields) through the SDK's codec. */
final class RowCodec {
  /** One row of a request: its key (as sent) and its cells. */
  record Change(PrimaryKey key, List<PlainBufferCell> cells, boolean deleteMarker) {}

  private RowCodec() {}

  static Change change(ByteString bytes) {
    List<PlainBufferRow> rows = decode(bytes);
    if (rows.size() != 1) {
      throw OtsException.invalid("Expect one row, got " + rows.size() + ".");
    }
    PlainBufferRow row = rows.get(0);
    try {
      return new Change(
          PlainBufferConversion.toPrimaryKey(row.getPrimaryKey()),
          row.getCells(),
          row.hasDeleteMarker());
    } catch (IOException e) {
      throw OtsException.invalid("Invalid primary key: " + e.getMessage());
    }
  }

  static PrimaryKey key(ByteString bytes) {
    return change(bytes).key();
  }

  static List<PlainBufferRow> decode(ByteString bytes) {
    try {
      return new RequestRowReader(bytes.asReadOnlyByteBuffer()).readRowsWithHeader();
    } catch (IOException | RuntimeException e) {
      throw OtsException.invalid("Invalid PlainBuffer: " + e.getMessage());
    }
  }

  /** The rows with one header, as GetRow / GetRange replies carry them; empty for no rows. */
  static ByteString encode(List<Row> rows) {
    if (rows.isEmpty()) {
      return ByteString.EMPTY;
    }
    try {
      List<PlainBufferRow> plain = new ArrayList<>(rows.size());
      int size = 4;
      for (Row row : rows) {
        List<PlainBufferCell> pk = new ArrayList<>();
        for (PrimaryKeyColumn c : row.getPrimaryKey().getPrimaryKeyColumns()) {
          pk.add(PlainBufferConversion.toPlainBufferCell(c));
        }
        List<PlainBufferCell> cells = new ArrayList<>();
        for (Column c : row.getColumns()) {
          cells.add(PlainBufferConversion.toPlainBufferCell(c, false, false, false, (byte) 0));
        }
        PlainBufferRow p = new PlainBufferRow(pk, cells, false);
        size += PlainBufferBuilder.computePlainBufferRow(p);
        plain.add(p);
      }
      PlainBufferOutputStream out = new PlainBufferOutputStream(size);
      PlainBufferCodedOutputStream coded = new PlainBufferCodedOutputStream(out);
      coded.writeHeader();
      for (PlainBufferRow p : plain) {
        coded.writeRow(p);
      }
      return ByteString.copyFrom(out.getBuffer());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode rows", e);
    }
  }

  static ByteString encode(Row row) {
    return row == null ? ByteString.EMPTY : encode(List.of(row));
  }

  /**
   * The SDK's reader decodes replies, so it lacks the one value only requests carry: the
   * AUTO_INCREMENT placeholder (type 0x0b, no payload).
   */
  private static final class RequestRowReader extends PlainBufferCodedInputStream {
    private final ByteBuffer buffer;

    RequestRowReader(ByteBuffer buffer) {
      super(new PlainBufferInputStream(buffer));
      this.buffer = buffer;
    }

    @Override
    public PrimaryKeyValue readCellPrimaryKeyValue() throws IOException {
      // A value is: length (4 bytes, little endian), type (1 byte), payload.
      int at = buffer.position();
      if (checkLastTagWas(PlainBufferConsts.TAG_CELL_VALUE)
          && buffer.remaining() >= 5
          && buffer.get(at + 4) == PlainBufferConsts.VT_AUTO_INCREMENT) {
        buffer.position(at + 5);
        readTag();
        return PrimaryKeyValue.AUTO_INCREMENT;
      }
      return super.readCellPrimaryKeyValue();
    }
  }

  static ByteString encodeKey(PrimaryKey key) {
    try {
      return ByteString.copyFrom(PlainBufferBuilder.buildPrimaryKeyWithHeader(key));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode key", e);
    }
  }
}
