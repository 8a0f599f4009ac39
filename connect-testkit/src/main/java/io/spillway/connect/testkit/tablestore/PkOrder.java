package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Tablestore's row order: column by column; INTEGER numerically, STRING (UTF-8) and BINARY bytewise
 * unsigned; INF_MIN before and INF_MAX after every value.
 */
final class PkOrder implements Comparator<PrimaryKey> {
  static final PkOrder INSTANCE = new PkOrder();

  private PkOrder() {}

  @Override
  public int compare(PrimaryKey a, PrimaryKey b) {
    PrimaryKeyColumn[] x = a.getPrimaryKeyColumns();
    PrimaryKeyColumn[] y = b.getPrimaryKeyColumns();
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compare(x[i].getValue(), y[i].getValue());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  static int compare(PrimaryKeyValue a, PrimaryKeyValue b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != 0 || rb != 0) {
      return Integer.compare(ra, rb);
    }
    return switch (a.getType()) {
      case INTEGER -> Long.compare(a.asLong(), b.asLong());
      case STRING -> Arrays.compareUnsigned(a.asStringInBytes(), b.asStringInBytes());
      case BINARY -> Arrays.compareUnsigned(a.asBinary(), b.asBinary());
    };
  }

  private static int rank(PrimaryKeyValue v) {
    return v.isInfMin() ? -1 : v.isInfMax() ? 1 : 0;
  }
}
