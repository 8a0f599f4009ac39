package io.spillway.quickstart;

import io.spillway.connect.testkit.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The quickstart's PostgreSQL, from the test kit's {@link LocalPostgres}: the server binaries come
 * from Maven, so the quickstart needs no system package, no root and no psql.
 *
 * <pre>
 * start DIR PORT DATABASE   initialise a cluster in DIR, start it on PORT (it keeps running after
 *                           this exits), create DATABASE
 * stop DIR                  stop that server and delete DIR
 * rows DIR DATABASE SQL     print the rows, tab-separated, no header (like psql -tA)
 * table DIR DATABASE SQL    print the rows as a table with a header
 * </pre>
 */
public final class QuickstartPostgres {
  private QuickstartPostgres() {}

  public static void main(String[] args) throws SQLException {
    String command = args.length > 0 ? args[0] : "";
    switch (command) {
      case "start" -> {
        expect(args, 4);
        LocalPostgres postgres =
            LocalPostgres.startDetached(Path.of(args[1]), Integer.parseInt(args[2]));
        postgres.createDatabase(args[3]);
      }
      case "stop" -> {
        expect(args, 2);
        LocalPostgres.attach(Path.of(args[1])).close();
      }
      case "rows" -> {
        expect(args, 4);
        for (List<Object> row : LocalPostgres.attach(Path.of(args[1])).query(args[2], args[3])) {
          System.out.println(row.stream().map(String::valueOf).collect(Collectors.joining("\t")));
        }
      }
      case "table" -> {
        expect(args, 4);
        System.out.print(table(LocalPostgres.attach(Path.of(args[1])), args[2], args[3]));
      }
      default -> {
        System.err.println("usage: QuickstartPostgres start DIR PORT DATABASE | stop DIR");
        System.err.println("       QuickstartPostgres rows|table DIR DATABASE SQL");
        System.exit(2);
      }
    }
  }

  /** The rows under their column names, each column as wide as its widest cell. */
  static String table(LocalPostgres postgres, String database, String sql) throws SQLException {
    List<List<String>> lines = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(database), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int width = result.getMetaData().getColumnCount();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= width; i++) {
        header.add(result.getMetaData().getColumnLabel(i));
      }
      lines.add(header);
      while (result.next()) {
        List<String> line = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          Object cell = result.getObject(i);
          line.add(cell == null ? "" : cell.toString()); // SQL NULL shows empty, as in psql
        }
        lines.add(line);
      }
    }
    int[] widths = new int[lines.get(0).size()];
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < lines.size(); row++) {
      for (int i = 0; i < widths.length; i++) {
        String cell = lines.get(row).get(i);
        out.append(i == 0 ? " " : " | ").append(cell).append(" ".repeat(widths[i] - cell.length()));
      }
      out.append('\n');
      if (row == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
      }
    }
    return out.append('(').append(lines.size() - 1).append(" rows)\n").toString();
  }

  private static void expect(String[] args, int count) {
    if (args.length != count) {
      throw new IllegalArgumentException(
          args[0] + " takes " + (count - 1) + " arguments, not " + (args.length - 1));
    }
  }
}
