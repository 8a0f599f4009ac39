package io.spillway.connect.redshift.write;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Sorts database errors into those worth retrying, data errors of a row, and the rest. */
public final class SqlErrors {
  private SqlErrors() {}

  /** Lost connection, server restart, serialization failure, deadlock, lock timeout, overload. */
  public static boolean retriable(SQLException error) {
    for (SQLException e = error; e != null; e = e.getNextException()) {
      String state = e.getSQLState();
      if (e instanceof SQLRecoverableException
          || e instanceof SQLTransientException
          || e.getCause() instanceof IOException) {
        return true;
      }
      if (state != null
          && (state.startsWith("08")
              || state.startsWith("40")
              || state.startsWith("53")
              || state.startsWith("57P")
              || state.equals("55P03"))) {
        return true;
      }
      String message = String.valueOf(e.getMessage());
      if (message.contains("Serializable isolation violation")
          || message.contains("An I/O error occurred")
          || message.contains("This connection has been closed")) {
        return true;
      }
    }
    return false;
  }

  /** A value the database refused: too long, out of range, invalid, or a violated constraint. */
  public static boolean dataError(SQLException error) {
    for (SQLException e = error; e != null; e = e.getNextException()) {
      String state = e.getSQLState();
      if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
        return true;
      }
    }
    return false;
  }

  /** The table or a column changed under us (dropped or altered by someone else). */
  public static boolean staleCatalog(SQLException error) {
    String state = error.getSQLState();
    return "42P01".equals(state) || "42703".equals(state);
  }

  /** A concurrent task created the same table or column first. */
  public static boolean alreadyExists(SQLException error) {
    String state = error.getSQLState();
    return "42P07".equals(state) || "42701".equals(state) || "23505".equals(state);
  }

  /** The first line of the error, without the driver's position and hint lines. */
  public static String reason(SQLException error) {
    String message = String.valueOf(error.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
