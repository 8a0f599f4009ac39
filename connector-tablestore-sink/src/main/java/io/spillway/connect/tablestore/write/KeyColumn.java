package io.spillway.connect.tablestore.write;

/**
 * One primary key column of a table: its name and type ({@code string}, {@code integer}, {@code
 * binary}, or {@code auto_increment}: an integer the server fills in).
 */
public record KeyColumn(String name, Type type) {
  /** Primary key column types, as tablestore.&lt;table&gt;.primarykey.type names them. */
  public enum Type {
    STRING,
    INTEGER,
    BINARY,
    AUTO_INCREMENT
  }
}
