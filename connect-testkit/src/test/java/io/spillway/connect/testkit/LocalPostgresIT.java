package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class LocalPostgresIT {
  private static LocalPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = LocalPostgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void keepsDataAndPortAcrossAStopAndAStart() throws SQLException {
    String db = postgres.createDatabase("restart");
    postgres.execute(db, "CREATE TABLE t (id BIGINT, name TEXT)");
    postgres.execute(db, "INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    int port = postgres.port();

    try (Connection open = connect(db)) {
      postgres.stopServer();
      assertThrows(SQLException.class, () -> open.createStatement().executeQuery("SELECT 1"));
      IllegalStateException down =
          assertThrows(IllegalStateException.class, () -> postgres.query(db, "SELECT 1"));
      assertTrue(down.getMessage().contains("SELECT 1"), down.getMessage());
    } finally {
      postgres.startServer();
    }

    assertEquals(port, postgres.port());
    assertEquals(
        List.of(List.of(1L, "one"), List.of(2L, "two")),
        postgres.query(db, "SELECT id, name FROM t ORDER BY id"));
  }

  @Test
  void queryReturnsEveryRowInColumnOrderWithBoundParameters() {
    String db = postgres.createDatabase("query_api");
    postgres.execute(db, "CREATE TABLE t (id BIGINT, name TEXT, ok BOOLEAN, amount NUMERIC(10,2))");
    postgres.execute(
        db, "INSERT INTO t VALUES (?, ?, ?, ?)", 1L, "one", true, new BigDecimal("1.50"));
    postgres.execute(db, "INSERT INTO t VALUES (?, ?, ?, ?)", 2L, null, false, null);
    postgres.execute(db, "INSERT INTO t VALUES (3, 'it''s ?', NULL, 0)");

    assertEquals(
        List.of(
            List.of(1L, "one", true, new BigDecimal("1.50")),
            Arrays.asList(2L, null, false, null),
            Arrays.asList(3L, "it's ?", null, new BigDecimal("0.00"))),
        postgres.query(db, "SELECT id, name, ok, amount FROM t ORDER BY id"));
    assertEquals(
        List.of(List.of(2L), List.of(3L)),
        postgres.query(db, "SELECT id FROM t WHERE id >= ? ORDER BY id", 2L));
    assertEquals(List.of(), postgres.query(db, "SELECT id FROM t WHERE id > ?", 3L));
  }

  @Test
  void createDatabaseReplacesAnExistingOne() {
    String db = postgres.createDatabase("recreated");
    postgres.execute(db, "CREATE TABLE leftover (id INT)");

    assertEquals("recreated", postgres.createDatabase("recreated"));

    assertEquals(
        List.of(List.of(0L)),
        postgres.query(
            db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'leftover'"));
  }

  @Test
  void failedStatementsNameTheSql() {
    String db = postgres.createDatabase("failures");
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> postgres.execute(db, "INSERT INTO missing VALUES 1"));
    assertTrue(failure.getMessage().contains("INSERT INTO missing VALUES 1"), failure.getMessage());
  }

  @Test
  void pgjdbcConnectsOverTcpWithAnMd5Password() throws SQLException {
    String db = postgres.createDatabase("pgjdbc");
    try (Connection connection = connect(db);
        Statement statement = connection.createStatement()) {
      assertTrue(connection.isWrapperFor(PGConnection.class));
      statement.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT)");
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        insert.setLong(1, 1);
        insert.setString(2, "kept");
        insert.executeUpdate();
        connection.commit();
        insert.setLong(1, 2);
        insert.setString(2, "rolled back");
        insert.executeUpdate();
        connection.rollback();
      }
      try (ResultSet result =
          statement.executeQuery(
              "SELECT substr(rolpassword, 1, 3) FROM pg_authid WHERE rolname = current_user")) {
        assertTrue(result.next());
        assertEquals("md5", result.getString(1)); // the Redshift driver cannot do SCRAM
      }
    }
    assertEquals(List.of(List.of(1L, "kept")), postgres.query(db, "SELECT id, name FROM t"));
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), "wrong"));
  }

  @Test
  void closeStopsTheServerAndDeletesItsFolder() {
    LocalPostgres other = LocalPostgres.start();
    Path dir = other.dir();
    String db = other.createDatabase("closing");
    other.execute(db, "CREATE TABLE t (id INT)");
    assertTrue(Files.isDirectory(dir));

    other.close();

    assertFalse(Files.exists(dir), dir + " is left");
    assertThrows(IllegalStateException.class, () -> other.query("postgres", "SELECT 1"));
  }

  @Test
  void aDetachedServerIsFoundAgainThroughItsFolder() throws IOException {
    Path parent = Files.createTempDirectory("local-postgres-it-");
    if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // as the quickstart's folder: a server running as nobody (root without namespaces) enters it
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path dir = parent.resolve("pg");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try {
      LocalPostgres.startDetached(dir, port).createDatabase("shop");
      LocalPostgres attached = LocalPostgres.attach(dir);
      attached.execute("shop", "CREATE TABLE orders (id INT, status TEXT)");
      attached.execute("shop", "INSERT INTO orders VALUES (?, ?)", 1, "paid");

      assertEquals(port, attached.port());
      assertEquals(
          List.of(List.of(1, "paid")),
          LocalPostgres.attach(dir).query("shop", "SELECT id, status FROM orders"));
      assertTrue(Files.isDirectory(dir.resolve("pgsql").resolve("bin")), "binaries in its folder");

      LocalPostgres.attach(dir).close();

      assertFalse(Files.exists(dir), dir + " is left");
      assertThrows(
          SQLException.class,
          () -> DriverManager.getConnection(attached.jdbcUrl("shop"), "spillway", "spillway"));
    } finally {
      if (Files.exists(dir)) { // an assertion failed before the close
        LocalPostgres.attach(dir).close();
      }
      Files.deleteIfExists(parent);
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
  }
}
