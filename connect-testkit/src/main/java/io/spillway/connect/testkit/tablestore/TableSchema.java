package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** A table's definition as CreateTable gave it (defaults filled in) and its key checks. */
final class TableSchema {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
  static final int MAX_PK_STRING_BYTES = 1024;

  /** How a request uses a primary key: which special values it may hold. */
  enum KeyUse {
    /** PutRow: AUTO_INCREMENT columns must hold the placeholder, the server fills them. */
    PUT,
    /** UpdateRow, DeleteRow, GetRow: concrete values only. */
    EXACT,
    /** GetRange bounds: INF_MIN / INF_MAX allowed. */
    RANGE
  }

  final OtsInternalApi.TableMeta meta;
  final OtsInternalApi.TableOptions options;
  final OtsInternalApi.ReservedThroughput reservedThroughput;
  final long creationTimeMicros;

  TableSchema(OtsInternalApi.CreateTableRequest request) {
    OtsInternalApi.TableMeta meta = request.getTableMeta();
    if (!TABLE_NAME.matcher(meta.getTableName()).matches()) {
      throw OtsException.invalid("Invalid table name: '" + meta.getTableName() + "'.");
    }
    int keys = meta.getPrimaryKeyCount();
    if (keys < 1 || keys > 4) {
      throw OtsException.invalid("The number of primary key columns must be in range: [1, 4].");
    }
    for (int i = 0; i < keys; i++) {
      OtsInternalApi.PrimaryKeySchema pk = meta.getPrimaryKey(i);
      if (pk.hasOption() && (i == 0 || pk.getType() != OtsInternalApi.PrimaryKeyType.INTEGER)) {
        throw OtsException.invalid(
            "AUTO_INCREMENT primary key '" + pk.getName() + "' must be INTEGER and not first.");
      }
    }
    this.meta = meta.toBuilder().setTableId("t-" + Long.toHexString(System.nanoTime())).build();
    OtsInternalApi.TableOptions given = request.getTableOptions();
    this.options =
        OtsInternalApi.TableOptions.newBuilder()
            .setTimeToLive(given.hasTimeToLive() ? given.getTimeToLive() : -1)
            .setMaxVersions(given.hasMaxVersions() ? given.getMaxVersions() : 1)
            .setDeviationCellVersionInSec(
                given.hasDeviationCellVersionInSec() ? given.getDeviationCellVersionInSec() : 86400)
            .setAllowUpdate(!given.hasAllowUpdate() || given.getAllowUpdate())
            .build();
    this.reservedThroughput = request.getReservedThroughput();
    this.creationTimeMicros = System.currentTimeMillis() * 1000;
  }

  String name() {
    return meta.getTableName();
  }

  int maxVersions() {
    return options.getMaxVersions();
  }

  /** Checks {@code key} against the schema; for PUT returns it with AUTO_INCREMENT filled in. */
  PrimaryKey check(PrimaryKey key, KeyUse use, LongSupplier nextAutoIncrement) {
    List<OtsInternalApi.PrimaryKeySchema> schema = meta.getPrimaryKeyList();
    PrimaryKeyColumn[] columns = key.getPrimaryKeyColumns();
    if (columns.length != schema.size()) {
      throw OtsException.invalid(
          "Validate PK size fail. Input: " + columns.length + ", Meta: " + schema.size() + ".");
    }
    PrimaryKeyColumn[] resolved = new PrimaryKeyColumn[columns.length];
    for (int i = 0; i < columns.length; i++) {
      OtsInternalApi.PrimaryKeySchema s = schema.get(i);
      PrimaryKeyColumn c = columns[i];
      if (!s.getName().equals(c.getName())) {
        throw OtsException.invalid(
            "Validate PK name fail. Input: " + c.getName() + ", Meta: " + s.getName() + ".");
      }
      resolved[i] = c;
      PrimaryKeyValue v = c.getValue();
      boolean auto = s.hasOption();
      if (v.isPlaceHolderForAutoIncr()) {
        if (!auto || use != KeyUse.PUT) {
          throw OtsException.invalid(
              "AUTO_INCREMENT is only valid in PutRow on '"
                  + s.getName()
                  + "', which must be an auto-increment column.");
        }
        resolved[i] =
            new PrimaryKeyColumn(
                c.getName(), PrimaryKeyValue.fromLong(nextAutoIncrement.getAsLong()));
      } else if (v.isInfMin() || v.isInfMax()) {
        if (use != KeyUse.RANGE) {
          throw OtsException.invalid(
              "INF_MIN / INF_MAX are only valid in GetRange: '" + s.getName() + "'.");
        }
      } else {
        if (auto && use == KeyUse.PUT) {
          throw OtsException.invalid(
              "The auto-increment primary key '" + s.getName() + "' must be AUTO_INCREMENT.");
        }
        if (!v.getType().name().equals(s.getType().name())) {
          throw OtsException.invalid(
              "Validate PK type fail. Input: "
                  + v.getType()
                  + ", Meta: "
                  + s.getType()
                  + ", column: "
                  + s.getName()
                  + ".");
        }
        int length =
            v.getType() == com.alicloud.openservices.tablestore.model.PrimaryKeyType.STRING
                ? v.asStringInBytes().length
                : v.getType() == com.alicloud.openservices.tablestore.model.PrimaryKeyType.BINARY
                    ? v.asBinary().length
                    : 0;
        if (length > MAX_PK_STRING_BYTES) {
          throw OtsException.invalid(
              "The length of primary key column: '"
                  + s.getName()
                  + "' exceeded the MaxLength:"
                  + MAX_PK_STRING_BYTES
                  + " with CurrentLength:"
                  + length
                  + ".");
        }
      }
    }
    return new PrimaryKey(resolved);
  }
}
