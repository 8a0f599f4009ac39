package io.spillway.connect.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for tests: initdb into a temp folder, a free port on 127.0.0.1, md5
 * passwords (the Redshift driver cannot do SCRAM), durability off for speed. The server binaries
 * come from a Maven artifact (see {@link PostgresBinaries}; {@code SPILLWAY_PG_BIN} picks an
 * installed server instead), unpacked once per JVM. It can be stopped and started again on the same
 * data and port, to test outages. When the JVM exits, every server it started is stopped and its
 * folders deleted.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final String USER = "spillway";
  private static final String PASSWORD = "spillway";

  /** Where a detached server records its bin folder and port, for {@link #attach}. */
  private static final String STATE_FILE = "local-postgres.properties";

  private static final Set<LocalPostgres> LIVE = ConcurrentHashMap.newKeySet();
  private static Path unpacked; // this JVM's binaries, deleted after its servers at exit
  private static Path jvmBin;
  private static LocalPostgres shared;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(LocalPostgres::discardAll, "local-postgres-discard"));
  }

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final List<String> asServerUser = PostgresBinaries.serverUserPrefix();
  private boolean running;
  private boolean isShared;

  private LocalPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

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

  /** Initialises a new cluster in a temp folder and starts it; stopped at the latest at exit. */
  public static LocalPostgres start() {
    try {
      Path bin = binaries();
      LocalPostgres postgres =
          new LocalPostgres(bin, Files.createTempDirectory("spillway-pg-"), freePort());
      LIVE.add(postgres);
      return postgres.initAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Initialises a new cluster in {@code dir} (created; binaries unpacked into it unless {@code
   * SPILLWAY_PG_BIN} is set) and starts it on {@code port}. The server outlives this JVM, for
   * launchers such as the quickstart's; {@link #attach} it again to query, stop or {@link #close}
   * it.
   */
  public static LocalPostgres startDetached(Path dir, int port) {
    try {
      Files.createDirectories(dir);
      Path bin =
          PostgresBinaries.fromEnvironment()
              .orElseGet(() -> PostgresBinaries.unpack(dir.resolve("pgsql")));
      Properties state = new Properties();
      state.setProperty("bin", bin.toAbsolutePath().toString());
      state.setProperty("port", Integer.toString(port));
      try (Writer out = Files.newBufferedWriter(dir.resolve(STATE_FILE))) {
        state.store(out, "LocalPostgres.startDetached");
      }
      return new LocalPostgres(bin, dir, port).initAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server that {@link #startDetached} made in {@code dir}, running or not. */
  public static LocalPostgres attach(Path dir) {
    Properties state = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(STATE_FILE))) {
      state.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("No LocalPostgres in " + dir, e);
    }
    LocalPostgres postgres =
        new LocalPostgres(
            Path.of(state.getProperty("bin")), dir, Integer.parseInt(state.getProperty("port")));
    postgres.running = Files.exists(postgres.data.resolve("postmaster.pid"));
    return postgres;
  }

  /** This JVM's bin folder: SPILLWAY_PG_BIN, or the binaries artifact unpacked on first use. */
  private static synchronized Path binaries() throws IOException {
    if (jvmBin == null) {
      Path installed = PostgresBinaries.fromEnvironment().orElse(null);
      if (installed != null) {
        jvmBin = installed;
      } else {
        unpacked = Files.createTempDirectory("spillway-pg-bin-");
        try {
          jvmBin = PostgresBinaries.unpack(unpacked);
        } catch (RuntimeException e) {
          PluginPath.deleteRecursively(unpacked);
          throw e;
        }
      }
    }
    return jvmBin;
  }

  /** One exit hook for all servers: they must stop before their binaries are deleted. */
  private static void discardAll() {
    for (LocalPostgres postgres : List.copyOf(LIVE)) {
      postgres.discard();
    }
    synchronized (LocalPostgres.class) {
      PluginPath.deleteRecursively(unpacked);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private LocalPostgres initAndStart() {
    try {
      init();
      startServer();
      return this;
    } catch (IOException e) {
      close(); // no half-made cluster left behind
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void init() throws IOException {
    if (PostgresBinaries.runsAsOtherUser()) { // nobody writes the cluster and its log here
      Files.setPosixFilePermissions(dir, PostgresBinaries.permissions(0777));
    }
    Path passwordFile = dir.resolve("pwfile");
    Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
    if (PostgresBinaries.runsAsOtherUser()) {
      Files.setPosixFilePermissions(passwordFile, PostgresBinaries.permissions(0644));
    }
    run(
        PostgresBinaries.executable(bin, "initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        USER,
        "--pwfile=" + passwordFile,
        "--auth-local=trust",
        "--auth-host=md5",
        "-E",
        "UTF8",
        "--locale=" + PostgresBinaries.locale());
    Files.delete(passwordFile);
    // Windows: no Unix socket; elsewhere the socket goes into the cluster's folder, not /tmp.
    String socketDir = PostgresBinaries.isWindows() ? "" : dir.toString();
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\nlisten_addresses = '127.0.0.1'\nport = "
            + port
            + "\nunix_socket_directories = '"
            + socketDir
            + "'\npassword_encryption = md5\nfsync = off\nsynchronous_commit = off\n"
            + "full_page_writes = off\nmax_connections = 100\n",
        StandardOpenOption.APPEND);
  }

  /** Starts the server (again) on the same data and port. */
  public synchronized void startServer() {
    running = true; // before pg_ctl: a server that starts but misses the wait is still stopped
    run(
        PostgresBinaries.executable(bin, "pg_ctl").toString(),
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "start");
  }

  /** Stops the server; clients see their connections fail until {@link #startServer()}. */
  public synchronized void stopServer() {
    run(
        PostgresBinaries.executable(bin, "pg_ctl").toString(),
        "-D",
        data.toString(),
        "-m",
        "fast",
        "-w",
        "stop");
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
    List<String> line = new ArrayList<>(asServerUser);
    line.addAll(List.of(command));
    Path output = dir.resolve("command.log");
    try {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // the folder goes with the server anyway
      }
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

  /** The server's folder (cluster, log, socket; binaries too when detached). */
  Path dir() {
    return dir;
  }

  /**
   * Stops the server without a shutdown checkpoint and deletes its folder: the data is thrown away
   * anyway. Also what the exit hook does, so a test JVM that exits (or a shared server) leaves
   * nothing.
   */
  private synchronized void discard() {
    if (running) {
      try {
        run(
            PostgresBinaries.executable(bin, "pg_ctl").toString(),
            "-D",
            data.toString(),
            "-m",
            "immediate",
            "-w",
            "stop");
        running = false;
      } catch (RuntimeException ignored) {
        // best effort: a server that will not stop still must not block the JVM's exit
      }
    }
    PluginPath.deleteRecursively(dir);
    LIVE.remove(this);
  }

  /**
   * Stops the server and deletes its folder (a detached one's binaries too); not the shared one.
   */
  @Override
  public void close() {
    if (!isShared) {
      discard();
    }
  }
}
