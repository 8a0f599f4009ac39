package io.spillway.connect.redshift.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.LocalPostgres;
import io.spillway.connect.testkit.SqlRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Amazon Redshift JDBC driver against PostgreSQL through the proxy. */
class RedshiftStartupProxyIT {
  private static LocalPostgres postgres;
  private static RedshiftStartupProxy proxy;

  @BeforeAll
  static void start() {
    postgres = LocalPostgres.start();
    proxy = new RedshiftStartupProxy(postgres.port());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    postgres.close();
  }

  @Test
  void withoutTheProxyPostgresRefusesTheDriver() {
    String db = postgres.createDatabase("no_proxy");
    String direct = "jdbc:redshift://127.0.0.1:" + postgres.port() + "/" + db + "?ssl=false";
    SQLException refused =
        assertThrows(SQLException.class, () -> DriverManager.getConnection(direct, props()));
    assertTrue(
        String.valueOf(refused.getMessage()).contains("unrecognized configuration parameter"),
        refused.getMessage());
  }

  @Test
  void createsInsertsWithBoundParametersAndReadsBack() throws SQLException {
    String db = postgres.createDatabase("rs_basic");
    try (Connection connection = connect(db)) {
      assertTrue(connection.isWrapperFor(com.amazon.redshift.RedshiftConnection.class));
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE orders (id BIGINT, status VARCHAR(65535), paid BOOLEAN, note VARCHAR(20))");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?), (?, ?, ?, ?)")) {
        insert.setLong(1, 1);
        insert.setString(2, "new");
        insert.setBoolean(3, false);
        insert.setString(4, "ünïcödé");
        insert.setLong(5, 2);
        insert.setString(6, "it's \"quoted\"");
        insert.setBoolean(7, true);
        insert.setNull(8, java.sql.Types.VARCHAR);
        assertEquals(2, insert.executeUpdate());
      }
      List<List<Object>> expected =
          List.of(
              List.of(1L, "new", false, "ünïcödé"),
              Arrays.asList(2L, "it's \"quoted\"", true, null));
      assertEquals(expected, rows(connection, "SELECT * FROM orders ORDER BY id"));
      assertEquals(expected, postgres.query(db, "SELECT * FROM orders ORDER BY id"));
    }
  }

  @Test
  void commitsAndRollsBackTransactions() throws SQLException {
    String db = postgres.createDatabase("rs_tx");
    postgres.execute(db, "CREATE TABLE t (id BIGINT)");
    try (Connection connection = connect(db);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO t VALUES (1)");
      assertEquals(List.of(), postgres.query(db, "SELECT id FROM t")); // not yet committed
      connection.commit();
      statement.executeUpdate("INSERT INTO t VALUES (2)");
      statement.executeUpdate("DELETE FROM t WHERE id = 1");
      connection.rollback();
    }
    assertEquals(List.of(List.of(1L)), postgres.query(db, "SELECT id FROM t"));
  }

  @Test
  void tempTablesLiveAsLongAsTheSession() throws SQLException {
    String db = postgres.createDatabase("rs_temp");
    postgres.execute(db, "CREATE TABLE orders (id BIGINT, status VARCHAR(256))");
    try (Connection connection = connect(db);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE staging (LIKE orders)");
      statement.executeUpdate("INSERT INTO staging VALUES (1, 'a'), (2, 'b')");
      statement.executeUpdate("INSERT INTO orders SELECT * FROM staging WHERE id = 2");
      assertEquals(List.of(List.of(2L)), rows(connection, "SELECT count(*) FROM staging"));
    }
    assertEquals(List.of(List.of(2L, "b")), postgres.query(db, "SELECT * FROM orders"));
    assertEquals(
        List.of(List.of(0L)),
        postgres.query(db, "SELECT count(*) FROM pg_class WHERE relname = 'staging'"));
  }

  @Test
  void keepsTheStartupParametersPostgresKnows() throws SQLException {
    String db = postgres.createDatabase("rs_params");
    Properties props = props();
    props.setProperty("ApplicationName", "spillway-proxy-test");
    props.setProperty("options", "-c work_mem=7MB"); // goes to PostgreSQL in the startup message
    try (Connection connection = DriverManager.getConnection(proxy.jdbcUrl(db), props)) {
      assertEquals(
          List.of(List.of("spillway-proxy-test", "7MB", "UTF8")),
          rows(
              connection,
              "SELECT current_setting('application_name'), current_setting('work_mem'),"
                  + " current_setting('client_encoding')"));
      // The driver's metadata calls need Redshift's svv_* views; information_schema works.
      assertEquals(
          List.of(List.of("public")),
          rows(
              connection,
              "SELECT schema_name FROM information_schema.schemata"
                  + " WHERE schema_name = 'public'"));
    }
  }

  @Test
  void closesClientConnectionsWhenPostgresStopsAndServesNewOnesAfterARestart() throws SQLException {
    String db = postgres.createDatabase("rs_outage");
    try (Connection before = connect(db)) {
      postgres.stopServer();
      try {
        assertThrows(SQLException.class, () -> rows(before, "SELECT 1"));
        assertThrows(SQLException.class, () -> connect(db).close());
      } finally {
        postgres.startServer();
      }
    }
    try (Connection after = connect(db)) {
      assertEquals(List.of(List.of(1)), rows(after, "SELECT 1"));
    }
  }

  @Test
  void closingTheProxyEndsItsConnections() throws SQLException {
    String db = postgres.createDatabase("rs_close");
    RedshiftStartupProxy own = new RedshiftStartupProxy(postgres.port());
    try (Connection connection = DriverManager.getConnection(own.jdbcUrl(db), props())) {
      assertEquals(List.of(List.of(1)), rows(connection, "SELECT 1"));
      own.close();
      assertThrows(SQLException.class, () -> rows(connection, "SELECT 1"));
      assertFalse(connection.isValid(1));
    }
    assertThrows(SQLException.class, () -> DriverManager.getConnection(own.jdbcUrl(db), props()));
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(proxy.jdbcUrl(db), props());
  }

  private static Properties props() {
    Properties props = new Properties();
    props.setProperty("user", postgres.user());
    props.setProperty("password", postgres.password());
    return props;
  }

  private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    return SqlRows.query(connection, sql);
  }
}
