package io.spillway.connect.kinesis.client;

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
 * Where Kinesis is and who calls it: region, endpoint, TLS verification, credentials (static keys,
 * or the default provider chain) and an optional assumed role. {@link #define(ConfigDef)} adds the
 * settings to a plugin's ConfigDef; the accessors read them from any config that has them.
 */
public final class KinesisClientConfig {
  public static final String GROUP = "Kinesis";

  public static final String REGION = "kinesis.region";
  public static final String REGION_DOC =
      "AWS region of the streams, e.g. us-east-1 (Airbyte's 'region').";

  public static final String ENDPOINT = "kinesis.endpoint";
  public static final String ENDPOINT_DOC =
      "Host name of the Kinesis endpoint, without scheme or port (Airbyte's 'endpoint'). Empty:"
          + " the region's AWS endpoint. Set it for VPC endpoints or local test servers; calls"
          + " always use HTTPS.";

  public static final String PORT = "kinesis.port";
  public static final int PORT_DEFAULT = 443;
  public static final String PORT_DOC = "Port of kinesis.endpoint.";

  public static final String VERIFY_CERTIFICATE = "kinesis.verify.certificate";
  public static final boolean VERIFY_CERTIFICATE_DEFAULT = true;
  public static final String VERIFY_CERTIFICATE_DOC =
      "Verify the endpoint's TLS certificate. Turn off only for local test servers with"
          + " self-signed certificates (such as kinesalite).";

  public static final String ACCESS_KEY_ID = "aws.access.key.id";
  public static final String ACCESS_KEY_ID_DOC =
      "Access key id of static credentials (Airbyte's 'accessKey'). Empty: the default provider"
          + " chain (environment, system properties, profile, container or instance role).";

  public static final String SECRET_ACCESS_KEY = "aws.secret.access.key";
  public static final String SECRET_ACCESS_KEY_DOC =
      "Secret access key of static credentials (Airbyte's 'privateKey'). Read it from a config"
          + " provider, e.g. ${env:AWS_SECRET_ACCESS_KEY}.";

  public static final String ROLE_ARN = "aws.role.arn";
  public static final String ROLE_ARN_DOC =
      "Role to assume with STS before calling Kinesis, using the credentials above as the"
          + " caller. Empty: call Kinesis with those credentials directly.";

  public static final String ROLE_EXTERNAL_ID = "aws.role.external.id";
  public static final String ROLE_EXTERNAL_ID_DOC =
      "External id the role's trust policy requires (cross-account access), if any.";

  public static final String ROLE_SESSION_NAME = "aws.role.session.name";
  public static final String ROLE_SESSION_NAME_DEFAULT = "spillway-kinesis-sink";
  public static final String ROLE_SESSION_NAME_DOC =
      "Session name of the assumed role, as CloudTrail shows it.";

  private final AbstractConfig config;

  public KinesisClientConfig(AbstractConfig config) {
    this.config = config;
  }

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            REGION,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            REGION_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Region")
        .define(
            ENDPOINT,
            Type.STRING,
            "",
            Importance.MEDIUM,
            ENDPOINT_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Endpoint host")
        .define(
            PORT,
            Type.INT,
            PORT_DEFAULT,
            Range.between(1, 65_535),
            Importance.LOW,
            PORT_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Endpoint port")
        .define(
            VERIFY_CERTIFICATE,
            Type.BOOLEAN,
            VERIFY_CERTIFICATE_DEFAULT,
            Importance.LOW,
            VERIFY_CERTIFICATE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Verify TLS certificate")
        .define(
            ACCESS_KEY_ID,
            Type.STRING,
            "",
            Importance.HIGH,
            ACCESS_KEY_ID_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Access key id")
        .define(
            SECRET_ACCESS_KEY,
            Type.PASSWORD,
            "",
            Importance.HIGH,
            SECRET_ACCESS_KEY_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Secret access key")
        .define(
            ROLE_ARN,
            Type.STRING,
            "",
            Importance.MEDIUM,
            ROLE_ARN_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "Role ARN")
        .define(
            ROLE_EXTERNAL_ID,
            Type.PASSWORD,
            "",
            Importance.LOW,
            ROLE_EXTERNAL_ID_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Role external id")
        .define(
            ROLE_SESSION_NAME,
            Type.STRING,
            ROLE_SESSION_NAME_DEFAULT,
            Importance.LOW,
            ROLE_SESSION_NAME_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "Role session name");
  }

  /** Problems involving several of these settings, as (key, message) pairs. */
  public void addCrossFieldErrors(List<Map.Entry<String, String>> errors) {
    if (accessKeyId().isEmpty() != secretAccessKey().value().isEmpty()) {
      errors.add(
          Map.entry(
              accessKeyId().isEmpty() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY,
              "set both aws.access.key.id and aws.secret.access.key, or neither (default"
                  + " provider chain)"));
    }
    if (roleArn().isEmpty() && !roleExternalId().value().isEmpty()) {
      errors.add(Map.entry(ROLE_ARN, "aws.role.external.id needs aws.role.arn"));
    }
  }

  public String region() {
    return config.getString(REGION).trim();
  }

  /** The endpoint host, or empty for the region's AWS endpoint. */
  public String endpoint() {
    return config.getString(ENDPOINT).trim();
  }

  public int port() {
    return config.getInt(PORT);
  }

  public boolean verifyCertificate() {
    return config.getBoolean(VERIFY_CERTIFICATE);
  }

  public String accessKeyId() {
    return config.getString(ACCESS_KEY_ID).trim();
  }

  public Password secretAccessKey() {
    return config.getPassword(SECRET_ACCESS_KEY);
  }

  public String roleArn() {
    return config.getString(ROLE_ARN).trim();
  }

  public Password roleExternalId() {
    return config.getPassword(ROLE_EXTERNAL_ID);
  }

  public String roleSessionName() {
    return config.getString(ROLE_SESSION_NAME).trim();
  }
}
