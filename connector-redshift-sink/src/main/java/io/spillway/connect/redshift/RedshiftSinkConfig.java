package io.spillway.connect.redshift;

import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.sink.BatchConfig;
import io.spillway.connect.common.sink.BatchLimits;
import io.spillway.connect.common.sink.DeleteConfig;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.KeyConfig;
import io.spillway.connect.common.sink.PkMode;
import io.spillway.connect.common.sink.RetryConfig;
import io.spillway.connect.common.sink.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the Redshift sink: the connection, how topics map to tables, how rows are keyed and
 * merged, schema evolution, batching and retries.
 */
public class RedshiftSinkConfig extends CrossFieldConfig {
  public static final String CONNECTION_GROUP = "Connection";
  public static final String TABLES_GROUP = "Tables";
  public static final String WRITES_GROUP = "Writes";

  public static final String CONNECTION_URL = "connection.url";
  public static final String CONNECTION_URL_DOC =
      "JDBC URL of the warehouse: jdbc:redshift://host:5439/db (Amazon's Redshift driver) or"
          + " jdbc:postgresql://host:5432/db (PostgreSQL's driver, for PostgreSQL or for Redshift"
          + " with dialect=redshift).";

  public static final String CONNECTION_USER = "connection.user";
  public static final String CONNECTION_USER_DOC = "Database user.";

  public static final String CONNECTION_PASSWORD = "connection.password";
  public static final String CONNECTION_PASSWORD_DOC =
      "Password of the database user. Read it from a config provider, e.g."
          + " ${env:REDSHIFT_PASSWORD}, rather than writing it in the config.";

  public static final String DIALECT = "dialect";
  public static final String DIALECT_DEFAULT = "auto";
  public static final String DIALECT_DOC =
      "SQL dialect: 'redshift' (VARCHAR(n) in bytes, SUPER, no ADD COLUMN IF NOT EXISTS),"
          + " 'postgresql' (TEXT, JSONB, COPY into staging), or 'auto': redshift for"
          + " jdbc:redshift URLs, postgresql for jdbc:postgresql URLs.";

  public static final String TABLE_NAME_FORMAT = "table.name.format";
  public static final String TABLE_NAME_FORMAT_DEFAULT = "${topic}";
  public static final String TABLE_NAME_FORMAT_DOC =
      "Destination table of each topic; ${topic} is the record's topic. Names are folded to lower"
          + " case (as Redshift does), always quoted, and shortened with a hash suffix when longer"
          + " than the database allows.";

  public static final String SCHEMA_NAME = "schema.name";
  public static final String SCHEMA_NAME_DEFAULT = "public";
  public static final String SCHEMA_NAME_DOC = "Database schema that holds the tables.";

  public static final String INSERT_MODE = "insert.mode";
  public static final String INSERT_MODE_DEFAULT = "insert";
  public static final String INSERT_MODE_DOC =
      "'insert' appends every record as a row; 'upsert' keeps one row per primary key: each batch"
          + " is reduced by key, staged, and merged (DELETE ... USING staging, then INSERT ..."
          + " SELECT) in one transaction, so replays after a crash leave exactly one row per key.";

  /** What delete.enabled ({@link DeleteConfig}) needs here; pk.* come from {@link KeyConfig}. */
  static final String DELETE_REQUIREMENTS =
      "Needs insert.mode=upsert and pk.mode record_key or record_value.";

  /** batch.size, batch.max.bytes, batch.max.wait.ms: {@link BatchConfig}, with this default. */
  public static final int BATCH_SIZE_DEFAULT = 50_000;

  /** max.retries, retry.backoff.ms: {@link RetryConfig}, retrying these errors. */
  static final String RETRIABLE_ERRORS =
      "database error (connection lost, serialization failure, deadlock)";

  public static final String AUTO_CREATE = "auto.create";
  public static final boolean AUTO_CREATE_DEFAULT = true;
  public static final String AUTO_CREATE_DOC =
      "Create a missing table from the first batch's columns. Tables are created without an"
          + " enforced primary key (Redshift enforces none): uniqueness comes from the merge.";

  public static final String AUTO_EVOLVE = "auto.evolve";
  public static final boolean AUTO_EVOLVE_DEFAULT = true;
  public static final String AUTO_EVOLVE_DOC =
      "Add a nullable column (one ALTER TABLE ... ADD COLUMN per column) when records bring a new"
          + " field. Columns are never dropped, renamed or narrowed; a value that does not fit its"
          + " column goes to the dead letter queue (errors.tolerance=all) or fails the task.";

  public static final String AUTO_WIDEN = "auto.widen";
  public static final boolean AUTO_WIDEN_DEFAULT = false;
  public static final String AUTO_WIDEN_DOC =
      "Change a column's type when a value does not fit it, keeping every value (off by default:"
          + " column types never change, and a value its column cannot hold exactly goes to the"
          + " error policy). The order is the record model's: integer, wider integer, float, text;"
          + " integer to decimal; date to timestamp; anything else to text. PostgreSQL: ALTER"
          + " COLUMN ... TYPE ... USING; Redshift: a new column filled with a cast replaces the old"
          + " one. One transaction under a table lock. Values are always written by value: the"
          + " text '7' or the float 7.0 fit an integer column.";

  public static final String VARCHAR_LENGTH = "varchar.length";
  public static final int VARCHAR_LENGTH_DEFAULT = 65_535;
  public static final String VARCHAR_LENGTH_DOC =
      "Length of VARCHAR columns created on Redshift, in bytes (Redshift's TEXT would be"
          + " VARCHAR(256), the classic cause of truncation errors). PostgreSQL uses TEXT.";

  public static final String NESTED_AS = "nested.as";
  public static final String NESTED_AS_DEFAULT = "super";
  public static final String NESTED_AS_DOC =
      "Column type of nested objects and arrays: 'super' (Redshift SUPER, queryable with"
          + " PartiQL; JSONB on PostgreSQL) or 'varchar' (JSON text).";

  /** Where the SQL dialect comes from. */
  public enum DialectChoice {
    AUTO,
    REDSHIFT,
    POSTGRESQL
  }

  /** How records become rows. */
  public enum InsertMode {
    INSERT,
    UPSERT
  }

  /** Column type of nested values. */
  public enum NestedAs {
    SUPER,
    VARCHAR
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  public RedshiftSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, true);
  }

  private RedshiftSinkConfig(Map<?, ?> props, boolean check) {
    super(CONFIG_DEF, props, check);
  }

  static RedshiftSinkConfig forValidation(Map<?, ?> props) {
    return new RedshiftSinkConfig(props, false);
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
            CONNECTION_URL,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new JdbcUrlValidator(),
            Importance.HIGH,
            CONNECTION_URL_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.LONG,
            "JDBC URL")
        .define(
            CONNECTION_USER,
            Type.STRING,
            null,
            Importance.HIGH,
            CONNECTION_USER_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.MEDIUM,
            "User")
        .define(
            CONNECTION_PASSWORD,
            Type.PASSWORD,
            null,
            Importance.HIGH,
            CONNECTION_PASSWORD_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.MEDIUM,
            "Password")
        .define(
            DIALECT,
            Type.STRING,
            DIALECT_DEFAULT,
            EnumValidator.of(DialectChoice.class),
            Importance.LOW,
            DIALECT_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.SHORT,
            "Dialect");
    order = 0;
    def.define(
            TABLE_NAME_FORMAT,
            Type.STRING,
            TABLE_NAME_FORMAT_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            TABLE_NAME_FORMAT_DOC,
            TABLES_GROUP,
            ++order,
            Width.MEDIUM,
            "Table name format")
        .define(
            SCHEMA_NAME,
            Type.STRING,
            SCHEMA_NAME_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            SCHEMA_NAME_DOC,
            TABLES_GROUP,
            ++order,
            Width.MEDIUM,
            "Schema")
        .define(
            AUTO_CREATE,
            Type.BOOLEAN,
            AUTO_CREATE_DEFAULT,
            Importance.MEDIUM,
            AUTO_CREATE_DOC,
            TABLES_GROUP,
            ++order,
            Width.SHORT,
            "Create tables")
        .define(
            AUTO_EVOLVE,
            Type.BOOLEAN,
            AUTO_EVOLVE_DEFAULT,
            Importance.MEDIUM,
            AUTO_EVOLVE_DOC,
            TABLES_GROUP,
            ++order,
            Width.SHORT,
            "Add columns")
        .define(
            AUTO_WIDEN,
            Type.BOOLEAN,
            AUTO_WIDEN_DEFAULT,
            Importance.MEDIUM,
            AUTO_WIDEN_DOC,
            TABLES_GROUP,
            ++order,
            Width.SHORT,
            "Widen column types")
        .define(
            VARCHAR_LENGTH,
            Type.INT,
            VARCHAR_LENGTH_DEFAULT,
            Range.between(1, 65_535),
            Importance.LOW,
            VARCHAR_LENGTH_DOC,
            TABLES_GROUP,
            ++order,
            Width.SHORT,
            "VARCHAR length")
        .define(
            NESTED_AS,
            Type.STRING,
            NESTED_AS_DEFAULT,
            EnumValidator.of(NestedAs.class),
            Importance.LOW,
            NESTED_AS_DOC,
            TABLES_GROUP,
            ++order,
            Width.SHORT,
            "Nested values as");
    order = 0;
    def.define(
        INSERT_MODE,
        Type.STRING,
        INSERT_MODE_DEFAULT,
        EnumValidator.of(InsertMode.class),
        Importance.HIGH,
        INSERT_MODE_DOC,
        WRITES_GROUP,
        ++order,
        Width.SHORT,
        "Insert mode");
    KeyConfig.define(def, WRITES_GROUP);
    DeleteConfig.define(def, WRITES_GROUP, DELETE_REQUIREMENTS);
    BatchConfig.define(def, WRITES_GROUP, BATCH_SIZE_DEFAULT);
    RetryConfig.define(def, WRITES_GROUP, RETRIABLE_ERRORS);
    return def;
  }

  @Override
  public List<Map.Entry<String, String>> crossFieldErrors() {
    List<Map.Entry<String, String>> errors = super.crossFieldErrors();
    PkMode pkMode = pkMode();
    if (insertMode() == InsertMode.UPSERT && pkMode == PkMode.NONE) {
      errors.add(
          Map.entry(KeyConfig.PK_MODE, "insert.mode=upsert needs a primary key: set pk.mode"));
    }
    if (deleteEnabled()) {
      if (insertMode() != InsertMode.UPSERT) {
        errors.add(Map.entry(INSERT_MODE, "delete.enabled=true needs insert.mode=upsert"));
      }
      if (pkMode != PkMode.RECORD_KEY && pkMode != PkMode.RECORD_VALUE) {
        errors.add(
            Map.entry(
                KeyConfig.PK_MODE,
                "delete.enabled=true needs pk.mode record_key or record_value: a delete must name"
                    + " the key of the row it removes"));
      }
    }
    errors.addAll(KeyConfig.errors(this));
    return errors;
  }

  public String connectionUrl() {
    return getString(CONNECTION_URL);
  }

  /** Whether {@code connection.url} is a jdbc:redshift: URL, for Amazon's Redshift driver. */
  public boolean redshiftUrl() {
    return JdbcUrlValidator.isRedshift(connectionUrl());
  }

  public String connectionUser() {
    return getString(CONNECTION_USER);
  }

  public Password connectionPassword() {
    return getPassword(CONNECTION_PASSWORD);
  }

  public DialectChoice dialect() {
    return EnumValidator.parse(DialectChoice.class, getString(DIALECT));
  }

  public String tableNameFormat() {
    return getString(TABLE_NAME_FORMAT);
  }

  public String schemaName() {
    return getString(SCHEMA_NAME);
  }

  public InsertMode insertMode() {
    return EnumValidator.parse(InsertMode.class, getString(INSERT_MODE));
  }

  public boolean deleteEnabled() {
    return DeleteConfig.enabled(this);
  }

  public PkMode pkMode() {
    return KeyConfig.pkMode(this);
  }

  public List<String> pkFields() {
    return KeyConfig.pkFields(this);
  }

  public boolean autoCreate() {
    return getBoolean(AUTO_CREATE);
  }

  public boolean autoEvolve() {
    return getBoolean(AUTO_EVOLVE);
  }

  public boolean autoWiden() {
    return getBoolean(AUTO_WIDEN);
  }

  public BatchLimits batchLimits() {
    return BatchConfig.limits(this);
  }

  public RetryPolicy retryPolicy() {
    return RetryConfig.policy(this);
  }

  public int varcharLength() {
    return getInt(VARCHAR_LENGTH);
  }

  public NestedAs nestedAs() {
    return EnumValidator.parse(NestedAs.class, getString(NESTED_AS));
  }

  /** Connect's errors.tolerance of this connector (not part of this ConfigDef: Connect owns it). */
  public ErrorTolerance errorTolerance() {
    return ErrantRecords.tolerance(originalsStrings());
  }
}
