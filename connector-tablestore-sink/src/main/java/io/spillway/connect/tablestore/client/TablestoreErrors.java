package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.TableStoreException;
import java.util.Set;
import org.apache.kafka.connect.errors.RetriableException;

/** Which Tablestore errors are worth retrying: throttling, server trouble, the network. */
public final class TablestoreErrors {
  /** Error codes of a healthy request the server could not serve now. */
  public static final Set<String> RETRIABLE_CODES =
      Set.of(
          "OTSServerBusy",
          "OTSQuotaExhausted",
          "OTSTimeout",
          "OTSInternalServerError",
          "OTSServerUnavailable",
          "OTSPartitionUnavailable",
          "OTSTableNotReady",
          "OTSRowOperationConflict",
          "OTSCapacityUnitExhausted",
          "OTSNotEnoughCapacityUnit");

  private TablestoreErrors() {}

  /**
   * True for a throttled or failed server, or a client error after sending (lost connection,
   * timeout). False for errors a retry cannot fix (OTSParameterInvalid, OTSObjectNotExist, auth).
   */
  public static boolean isRetriable(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof RetriableException) {
        return true; // the sink's own verdict, e.g. a table not visible yet
      }
      if (e instanceof TableStoreException server) {
        return RETRIABLE_CODES.contains(server.getErrorCode()) || server.getHttpStatus() >= 500;
      }
      if (e instanceof ClientException) {
        return true;
      }
      if (e instanceof java.io.IOException || e instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** A server error as "code: message (request id)"; other errors as their message. */
  public static String describe(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof TableStoreException server) {
        return server.getErrorCode()
            + ": "
            + server.getMessage()
            + (server.getRequestId() == null ? "" : " (request " + server.getRequestId() + ")");
      }
    }
    return String.valueOf(error.getMessage());
  }

  /** The error code of a server error, or the exception's class name. */
  public static String code(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof TableStoreException server) {
        return server.getErrorCode();
      }
    }
    return error == null ? "unknown" : error.getClass().getSimpleName();
  }
}
