package io.spillway.connect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from the Debian package: initdb into a temp folder, a free
 * port on 127.0.0.1, md5 passwords (the Redshift driver cannot do SCRAM), durability off for speed.
 * PostgreSQL refuses to run as root, so as root the server runs as the postgres user. It can be
 * stopped and started again on the same data and port, to test outages.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final String USER = "spillway";
  private static final String PASSWORD = "spillway";

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private final Thread killOnExit;
  private boolean running;
  private boolean isShared;

  private LocalPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    this.killOnExit = new Thread(this::discard, "local-postgres-discard");
  }

  private static LocalPostgres shared;

  /**
   * One server for the whole test JVM, started on first use and stopped when the JVM exits; tests
   * keep apart by creating their own databases. Its {@link #close()} does nothing.
   */
  public static synchronized LocalPostgres shared() {
    if (shared == null) {
      shared = start();
      shared.isShared = true;
    }
    return shared;
  }

  /** Initialises a new cluster and starts it. */
  public static LocalPostgres start() {
    try {
      Path bin = findBin();
      Path dir = Files.createTempDirectory("spillway-pg-");
      LocalPostgres postgres = new LocalPostgres(bin, dir, freePort());
      try {
        postgres.init();
        Runtime.getRuntime().addShutdownHook(postgres.killOnExit);
        postgres.startServer();
        return postgres;
      } catch (RuntimeException | IOException e) {
        postgres.close(); // no half-made cluster left in /tmp
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findBin() {
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      // Debian names the folders by major version ("15", "16"); anything else is not a server.
      return versions
          .filter(version -> version.getFileName().toString().matches("\\d+"))
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(
              Comparator.comparingInt(
                  bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
          .orElseThrow();
    } catch (IOException | NoSuchElementException e) {
      throw new IllegalStateException(
          "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb):"
              + " apt-get install -y postgresql",
          e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void init() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path passwordFile = dir.resolve("pwfile");
    Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
    run(
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        USER,
        "--pwfile=" + passwordFile,
        "--auth-local=trust",
        "--auth-host=md5",
        "-E",
        "UTF8",
        "--locale=C.UTF-8");
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\nlisten_addresses = '127.0.0.1'\nport = "
            + port
            + "\nunix_socket_directories = '"
            + dir
            + "'\npassword_encryption = md5\nfsync = off\nsynchronous_commit = off\n"
            + "full_page_writes = off\nmax_connections = 100\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Starts the server (again) on the same data and port. */
  public synchronized void startServer() {
    running = true; // before pg_ctl: a server that starts but misses the wait is still stopped
    run(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "start");
    running = true;
  }

  /** Stops the server; clients see their connections fail until {@link #startServer()}. */
  public synchronized void stopServer() {
    run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
    running = false;
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** A pgjdbc URL of the database. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database (dropping one of that name) and returns its name. */
  public String createDatabase(String name) {
    execute("postgres", "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    execute("postgres", "CREATE DATABASE \"" + name + "\"");
    return name;
  }

  /**
   * Runs one statement (DDL or DML), autocommitted; parameters bind to {@code ?} placeholders as in
   * {@link SqlRows#execute}.
   */
  public void execute(String database, String sql, Object... params) {
    try (Connection connection = connect(database)) {
      SqlRows.execute(connection, sql, params);
    } catch (SQLException e) {
      throw new IllegalStateException("Statement failed: " + sql, e);
    }
  }

  /**
   * Every row of the query as {@link SqlRows#query} gives them (lists of JDBC objects in column
   * order), so tests can compare whole tables with {@code assertEquals}.
   */
  public List<List<Object>> query(String database, String sql, Object... params) {
    try (Connection connection = connect(database)) {
      return SqlRows.query(connection, sql, params);
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  private void run(String... command) {
    List<String> line = new ArrayList<>();
    if (asPostgresUser) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    try {
      Path output = Files.createTempFile("pg-cmd-", ".log");
      Process process =
          new ProcessBuilder(line)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", line) + " failed:\n" + Files.readString(output) + logTail());
      }
      Files.deleteIfExists(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("server.log"));
      return "\nserver.log:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Stops the server without a shutdown checkpoint and deletes its folder: the data is thrown away
   * anyway. Also the shutdown hook, so a test JVM that exits (or a shared server) leaves nothing.
   */
  private synchronized void discard() {
    if (running) {
      try {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop");
        running = false;
      } catch (RuntimeException ignored) {
        // best effort: a server that will not stop still must not block the JVM's exit
      }
    }
    PluginPath.deleteRecursively(dir);
  }

  @Override
  public void close() {
    if (isShared) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException ignored) {
      // the JVM is already shutting down
    }
    discard();
  }
}
