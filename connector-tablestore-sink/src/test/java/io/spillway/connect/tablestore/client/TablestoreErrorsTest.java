package io.spillway.connect.tablestore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.TableStoreException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class TablestoreErrorsTest {
  static TableStoreException server(String code, int status) {
    return new TableStoreException("message of " + code, null, code, "req-1", status);
  }

  @Test
  void throttlingServerTroubleAndTheNetworkAreRetriable() {
    for (String code :
        new String[] {
          "OTSServerBusy", "OTSQuotaExhausted", "OTSTimeout", "OTSInternalServerError"
        }) {
      assertTrue(TablestoreErrors.isRetriable(server(code, 503)), code);
    }
    assertTrue(TablestoreErrors.isRetriable(server("OTSSomethingNew", 500)));
    assertTrue(TablestoreErrors.isRetriable(new ClientException("connection reset")));
    assertTrue(TablestoreErrors.isRetriable(new RetriableException("table not visible yet")));
    assertTrue(
        TablestoreErrors.isRetriable(new RetriableException("wrapped", server("OTSTimeout", 503))));
  }

  @Test
  void badRowsAndBadSettingsAreNot() {
    assertFalse(TablestoreErrors.isRetriable(server("OTSParameterInvalid", 400)));
    assertFalse(TablestoreErrors.isRetriable(server("OTSObjectNotExist", 404)));
    assertFalse(TablestoreErrors.isRetriable(server("OTSAuthFailed", 403)));
    assertFalse(TablestoreErrors.isRetriable(new DataException("bad value")));
  }

  @Test
  void descriptionsCarryTheCode() {
    assertEquals(
        "OTSParameterInvalid: message of OTSParameterInvalid (request req-1)",
        TablestoreErrors.describe(new DataException("x", server("OTSParameterInvalid", 400))));
    assertEquals("OTSServerBusy", TablestoreErrors.code(server("OTSServerBusy", 503)));
  }
}
