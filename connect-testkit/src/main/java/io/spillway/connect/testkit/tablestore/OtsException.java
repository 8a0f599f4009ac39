package io.spillway.connect.testkit.tablestore;

import java.util.Map;

/** A Tablestore error reply: the code and message the SDK surfaces, and the HTTP status. */
final class OtsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // The statuses real Tablestore answers these codes with.
  private static final Map<String, Integer> STATUS =
      Map.ofEntries(
          Map.entry("OTSAuthFailed", 403),
          Map.entry("OTSParameterInvalid", 400),
          Map.entry("OTSUnsupportOperation", 400),
          Map.entry("OTSObjectNotExist", 404),
          Map.entry("OTSObjectAlreadyExist", 409),
          Map.entry("OTSConditionCheckFail", 403),
          Map.entry("OTSRowOperationConflict", 409),
          Map.entry("OTSQuotaExhausted", 403),
          Map.entry("OTSNotEnoughCapacityUnit", 403),
          Map.entry("OTSCapacityUnitExhausted", 403),
          Map.entry("OTSServerBusy", 503),
          Map.entry("OTSServerUnavailable", 503),
          Map.entry("OTSPartitionUnavailable", 503),
          Map.entry("OTSTimeout", 503),
          Map.entry("OTSInternalServerError", 500));

  private final String code;
  private final int status;

  OtsException(String code, String message) {
    super(message);
    this.code = code;
    this.status = statusOf(code);
  }

  static int statusOf(String code) {
    return STATUS.getOrDefault(code, 500);
  }

  static OtsException invalid(String message) {
    return new OtsException("OTSParameterInvalid", message);
  }

  static OtsException tableNotExist() {
    return new OtsException("OTSObjectNotExist", "Requested table does not exist.");
  }

  static OtsException conditionFailed() {
    return new OtsException("OTSConditionCheckFail", "Condition check failed.");
  }

  String code() {
    return code;
  }

  int status() {
    return status;
  }
}
