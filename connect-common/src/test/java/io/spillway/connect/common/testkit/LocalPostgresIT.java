package io.spillway.connect.common.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
  void keepsDataAcrossAStopAndAStart() {
    String db = postgres.createDatabase("restart");
    postgres.execute(db, "CREATE TABLE t (id BIGINT, name TEXT)");
    postgres.execute(db, "INSERT INTO t VALUES (1, 'one'), (2, 'two')");

    postgres.stopServer();
    assertThrows(IllegalStateException.class, () -> postgres.query(db, "SELECT 1"));
    postgres.startServer();

    assertEquals(
        List.of(List.of(1L, "one"), List.of(2L, "two")),
        postgres.query(db, "SELECT id, name FROM t ORDER BY id"));
  }

  @Test
  void theRedshiftDriverWorksThroughTheProxy() throws SQLException {
    String db = postgres.createDatabase("redshift_lane");
    Properties props = new Properties();
    props.setProperty("user", postgres.user());
    props.setProperty("password", postgres.password());
    try (RedshiftStartupProxy proxy = new RedshiftStartupProxy(postgres.port());
        Connection connection =
            new com.amazon.redshift.Driver().connect(proxy.jdbcUrl(db), props)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE orders (id BIGINT, status VARCHAR(65535))");
        statement.execute("CREATE TEMP TABLE staging (LIKE orders)");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO staging (id, status) VALUES (?, ?), (?, ?)")) {
        insert.setLong(1, 1);
        insert.setString(2, "new");
        insert.setLong(3, 2);
        insert.setString(4, "it's \"quoted\"");
        assertEquals(2, insert.executeUpdate());
      }
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO orders SELECT * FROM staging");
      }
      connection.commit();
    }
    assertEquals(
        List.of(List.of(1L, "new"), List.of(2L, "it's \"quoted\"")),
        postgres.query(db, "SELECT id, status FROM orders ORDER BY id"));
  }
}
