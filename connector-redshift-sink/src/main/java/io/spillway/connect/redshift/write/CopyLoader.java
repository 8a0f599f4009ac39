package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.redshift.dialect.CellValues;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.Dialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads rows through PostgreSQL's COPY ... FROM STDIN in CSV form: one round trip per chunk and no
 * statement parsing, the fastest way into a staging table. Text is always quoted, so an empty
 * string stays distinct from NULL (an unquoted empty field).
 */
final class CopyLoader {
  private static final int CHUNK_CHARS = 1 << 20;

  private final Dialect dialect;

  CopyLoader(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Whether COPY is available: only on a pgjdbc connection. */
  static boolean available(Connection connection) throws SQLException {
    return connection.isWrapperFor(PGConnection.class);
  }

  void load(
      Connection connection,
      String table,
      List<DbColumn> columns,
      String deleteFlag,
      List<Change> changes)
      throws SQLException {
    StringBuilder sql = new StringBuilder("COPY ").append(table).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).name()));
    }
    if (deleteFlag != null) {
      sql.append(columns.isEmpty() ? "" : ", ").append(deleteFlag);
    }
    sql.append(") FROM STDIN WITH (FORMAT csv)");
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
    try {
      // Rows are appended to one chunk of text, encoded and sent per chunk: no String and byte
      // array per row.
      StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
      for (Change change : changes) {
        for (int i = 0; i < columns.size(); i++) {
          if (i > 0) {
            chunk.append(',');
          }
          DbColumn column = columns.get(i);
          Cell cell = change.cells().get(column.name());
          if (cell != null && cell.value() != null) {
            appendCsv(chunk, column, cell);
          }
        }
        if (deleteFlag != null) {
          chunk.append(columns.isEmpty() ? "" : ",").append(change.delete() ? 't' : 'f');
        }
        chunk.append('\n');
        if (chunk.length() >= CHUNK_CHARS) {
          send(copy, chunk);
        }
      }
      if (chunk.length() > 0) {
        send(copy, chunk);
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    chunk.setLength(0);
  }

  private static void appendCsv(StringBuilder out, DbColumn column, Cell cell) {
    Object value = CellValues.value(cell, column);
    switch (column.kind()) {
      case BOOLEAN -> out.append((Boolean) value ? 't' : 'f');
      case SMALLINT, INTEGER, BIGINT -> out.append(((Number) value).longValue());
      case REAL -> out.append(((Number) value).floatValue());
      case DOUBLE -> out.append(((Number) value).doubleValue());
      case NUMERIC -> out.append(((BigDecimal) value).toPlainString());
      case DATE ->
          out.append(
              Instant.ofEpochMilli(CellValues.millis(value))
                  .atOffset(ZoneOffset.UTC)
                  .toLocalDate());
      case TIME -> out.append(CellValues.localTime(value));
      case TIMESTAMP, TIMESTAMPTZ -> out.append(CellValues.instant(value));
      case BINARY -> out.append("\\x").append(HexFormat.of().formatHex((byte[]) value));
      case JSON -> quoted(out, CellValues.json(cell));
      case TEXT, OTHER -> quoted(out, CellValues.text(cell));
    }
  }

  private static void quoted(StringBuilder out, String text) {
    if (text.indexOf('"') < 0) {
      out.append('"').append(text).append('"'); // the common case: nothing to double
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
