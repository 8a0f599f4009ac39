package io.spillway.connect.redshift.write;

import io.spillway.connect.redshift.RedshiftSinkConfig;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The task's one connection, opened on first use with auto-commit off, and dropped after an error
 * that may have broken it so the next attempt reconnects.
 */
public final class Connections implements AutoCloseable {
  private final RedshiftSinkConfig config;
  private Connection connection;

  public Connections(RedshiftSinkConfig config) {
    this.config = config;
  }

  public Connection get() throws SQLException {
    if (connection == null) {
      Properties props = new Properties();
      if (config.connectionUser() != null) {
        props.setProperty("user", config.connectionUser());
      }
      if (config.connectionPassword() != null) {
        props.setProperty("password", config.connectionPassword().value());
      }
      props.setProperty("ApplicationName", "spillway-redshift-sink");
      Connection opened = driver().connect(config.connectionUrl(), props);
      if (opened == null) {
        throw new SQLException(
            "No bundled driver accepts the URL " + config.connectionUrl(), "08001");
      }
      opened.setAutoCommit(false);
      connection = opened;
    }
    return connection;
  }

  /**
   * The bundled driver of the URL. Drivers are instantiated directly: DriverManager only sees
   * drivers on the worker's class path, not those of an isolated plugin.
   */
  private Driver driver() {
    return config.redshiftUrl() ? new com.amazon.redshift.Driver() : new org.postgresql.Driver();
  }

  /** Closes the connection after an error; the next {@link #get()} opens a new one. */
  public void reset() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing a broken connection may fail; it is dropped either way.
      } finally {
        connection = null;
      }
    }
  }
}
