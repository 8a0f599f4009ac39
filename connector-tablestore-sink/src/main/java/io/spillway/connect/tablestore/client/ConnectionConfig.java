package io.spillway.connect.tablestore.client;

import io.spillway.connect.common.config.EnumValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * Where the instance is and how to sign in: the aliyun connector's keys and defaults, read into a
 * {@link Connection}. Its default auth mode is STS; a config that gives only the AccessKey pair
 * (and none of the STS keys) signs with that pair, so plain AKSK configs need no extra key.
 */
public final class ConnectionConfig {
  public static final String GROUP = "Connection";
  public static final String STS_GROUP = "STS";

  public static final String ENDPOINT = "tablestore.endpoint";
  public static final String ENDPOINT_DOC =
      "Endpoint of the Tablestore instance (https://<instance>.<region>.ots.aliyuncs.com).";

  public static final String INSTANCE_NAME = "tablestore.instance.name";
  public static final String INSTANCE_NAME_DOC = "Name of the Tablestore instance.";

  public static final String ACCESS_KEY_ID = "tablestore.access.key.id";
  public static final String ACCESS_KEY_ID_DOC = "AccessKey ID (tablestore.auth.mode=AKSK).";

  public static final String ACCESS_KEY_SECRET = "tablestore.access.key.secret";
  public static final String ACCESS_KEY_SECRET_DOC =
      "AccessKey secret (tablestore.auth.mode=AKSK).";

  public static final String AUTH_MODE = "tablestore.auth.mode";
  public static final String AUTH_MODE_DEFAULT = "STS";
  public static final String AUTH_MODE_DOC =
      "'AKSK': sign with tablestore.access.key.id/secret. 'STS' (the aliyun connector's default):"
          + " assume role.name of account.id through sts.endpoint with the AccessKey pair in the"
          + " worker's ACCESS_ID / ACCESS_KEY environment variables, renewing the credentials every"
          + " client.time.out.ms. With STS left at its default, a config that sets the AccessKey"
          + " pair and none of region, account.id, role.name, sts.endpoint signs with the pair"
          + " (AKSK): plain AccessKey configs need no auth key.";

  public static final String REGION = "region";
  public static final String REGION_DOC = "STS: region of the STS endpoint (cn-hangzhou).";
  public static final String ACCOUNT_ID = "account.id";
  public static final String ACCOUNT_ID_DOC = "STS: Alibaba Cloud account ID owning role.name.";
  public static final String ROLE_NAME = "role.name";
  public static final String ROLE_NAME_DOC = "STS: RAM role to assume.";
  public static final String STS_ENDPOINT = "sts.endpoint";
  public static final String STS_ENDPOINT_DOC =
      "STS: endpoint of the STS service (sts.cn-hangzhou.aliyuncs.com).";
  public static final String CLIENT_TIME_OUT_MS = "client.time.out.ms";
  public static final long CLIENT_TIME_OUT_MS_DEFAULT = 60 * 60 * 1000L;
  public static final String CLIENT_TIME_OUT_MS_DOC =
      "STS: how long assumed credentials are used before they are renewed.";

  /** Environment variables holding the AccessKey pair that assumes the STS role (aliyun's). */
  public static final String STS_ACCESS_ID_ENV = "ACCESS_ID";

  public static final String STS_ACCESS_KEY_ENV = "ACCESS_KEY";

  private static final List<String> STS_KEYS = List.of(REGION, ACCOUNT_ID, ROLE_NAME, STS_ENDPOINT);

  private ConnectionConfig() {}

  /** Where and as whom to connect. */
  public record Connection(
      String endpoint,
      String instanceName,
      AuthMode authMode,
      String accessKeyId,
      Password accessKeySecret,
      String region,
      String accountId,
      String roleName,
      String stsEndpoint,
      Duration credentialsLifetime) {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    def.define(
            ENDPOINT,
            Type.STRING,
            Importance.HIGH,
            ENDPOINT_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Endpoint")
        .define(
            INSTANCE_NAME,
            Type.STRING,
            Importance.HIGH,
            INSTANCE_NAME_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Instance name")
        .define(
            ACCESS_KEY_ID,
            Type.STRING,
            "",
            Importance.HIGH,
            ACCESS_KEY_ID_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "AccessKey ID")
        .define(
            ACCESS_KEY_SECRET,
            Type.PASSWORD,
            "",
            Importance.HIGH,
            ACCESS_KEY_SECRET_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "AccessKey secret")
        .define(
            AUTH_MODE,
            Type.STRING,
            AUTH_MODE_DEFAULT,
            EnumValidator.of(AuthMode.class),
            Importance.HIGH,
            AUTH_MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Auth mode");
    order = 0;
    return def.define(
            REGION,
            Type.STRING,
            "",
            Importance.MEDIUM,
            REGION_DOC,
            STS_GROUP,
            ++order,
            Width.SHORT,
            "Region")
        .define(
            ACCOUNT_ID,
            Type.STRING,
            "",
            Importance.MEDIUM,
            ACCOUNT_ID_DOC,
            STS_GROUP,
            ++order,
            Width.MEDIUM,
            "Account ID")
        .define(
            ROLE_NAME,
            Type.STRING,
            "",
            Importance.MEDIUM,
            ROLE_NAME_DOC,
            STS_GROUP,
            ++order,
            Width.MEDIUM,
            "Role name")
        .define(
            STS_ENDPOINT,
            Type.STRING,
            "",
            Importance.MEDIUM,
            STS_ENDPOINT_DOC,
            STS_GROUP,
            ++order,
            Width.LONG,
            "STS endpoint")
        .define(
            CLIENT_TIME_OUT_MS,
            Type.LONG,
            CLIENT_TIME_OUT_MS_DEFAULT,
            Range.atLeast(1000),
            Importance.LOW,
            CLIENT_TIME_OUT_MS_DOC,
            STS_GROUP,
            ++order,
            Width.SHORT,
            "Credentials lifetime (ms)");
  }

  /**
   * The auth mode in effect: STS as configured, except that a config which leaves the mode unset,
   * gives the AccessKey pair and none of the STS keys means AKSK.
   */
  public static AuthMode authMode(AbstractConfig config) {
    AuthMode configured = EnumValidator.parse(AuthMode.class, config.getString(AUTH_MODE));
    boolean explicit = config.originals().containsKey(AUTH_MODE);
    if (configured == AuthMode.STS
        && !explicit
        && hasAccessKeyPair(config)
        && !hasStsKeys(config)) {
      return AuthMode.AKSK;
    }
    return configured;
  }

  public static Connection connection(AbstractConfig config) {
    return new Connection(
        config.getString(ENDPOINT).trim(),
        config.getString(INSTANCE_NAME).trim(),
        authMode(config),
        config.getString(ACCESS_KEY_ID).trim(),
        config.getPassword(ACCESS_KEY_SECRET),
        config.getString(REGION).trim(),
        config.getString(ACCOUNT_ID).trim(),
        config.getString(ROLE_NAME).trim(),
        config.getString(STS_ENDPOINT).trim(),
        Duration.ofMillis(config.getLong(CLIENT_TIME_OUT_MS)));
  }

  /** Broken rules between the connection keys, as (key to fix, problem) pairs. */
  public static List<Map.Entry<String, String>> errors(AbstractConfig config) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    if (config.getString(ENDPOINT).isBlank()) {
      errors.add(Map.entry(ENDPOINT, "must name the instance endpoint"));
    }
    if (config.getString(INSTANCE_NAME).isBlank()) {
      errors.add(Map.entry(INSTANCE_NAME, "must name the instance"));
    }
    if (authMode(config) == AuthMode.AKSK) {
      if (config.getString(ACCESS_KEY_ID).isBlank()) {
        errors.add(Map.entry(ACCESS_KEY_ID, "tablestore.auth.mode=AKSK needs the AccessKey ID"));
      }
      if (config.getPassword(ACCESS_KEY_SECRET).value().isEmpty()) {
        errors.add(
            Map.entry(ACCESS_KEY_SECRET, "tablestore.auth.mode=AKSK needs the AccessKey secret"));
      }
    } else {
      for (String key : STS_KEYS) {
        if (config.getString(key).isBlank()) {
          errors.add(
              Map.entry(
                  key,
                  "tablestore.auth.mode=STS needs "
                      + String.join(", ", STS_KEYS)
                      + " (or set tablestore.auth.mode=AKSK with the AccessKey pair)"));
        }
      }
    }
    return errors;
  }

  private static boolean hasAccessKeyPair(AbstractConfig config) {
    return !config.getString(ACCESS_KEY_ID).isBlank()
        && !config.getPassword(ACCESS_KEY_SECRET).value().isEmpty();
  }

  private static boolean hasStsKeys(AbstractConfig config) {
    return STS_KEYS.stream().anyMatch(key -> !config.getString(key).isBlank());
  }
}
