package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.kafkasource.KafkaSourceConfig;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.kafkasource.testing.SslSourceCluster;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.TestCertificates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A multi-tenant source as on Heroku: the app's client certificate may use only topics and groups
 * that start with its prefix (prefixed ACLs), and another tenant's topics exist next to its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HerokuAclIT {
  private static final String PREFIX = "wiry-1234.";
  private static final String OTHER_TENANT = "pale-5678.";

  private SslSourceCluster heroku;
  private EmbeddedConnect connect;
  private TestCertificates.Issued app;

  @BeforeAll
  void start() throws Exception {
    TestCertificates certificates = TestCertificates.generate();
    app = certificates.issueClient("wiry-app");
    heroku = SslSourceCluster.startWithAcls(certificates);
    heroku.createTopic(PREFIX + "orders", 1);
    heroku.createTopic(OTHER_TENANT + "orders", 1);
    heroku.produce(PREFIX + "orders", 0, "order-1", "{\"id\":1}");
    String principal = "User:" + app.certificate().getSubjectX500Principal().getName();
    try (Admin admin = heroku.admin()) {
      admin
          .createAcls(
              List.of(allow(ResourceType.TOPIC, principal), allow(ResourceType.GROUP, principal)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    connect = EmbeddedConnect.builder().workers(1).start();
  }

  private static AclBinding allow(ResourceType type, String principal) {
    return new AclBinding(
        new ResourcePattern(type, PREFIX, PatternType.PREFIXED),
        new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.ALLOW));
  }

  @AfterAll
  void stop() {
    if (connect != null) {
      connect.close();
    }
    if (heroku != null) {
      heroku.close();
    }
  }

  @Test
  void theAppsOwnPrefixReplicates() {
    Map<String, String> config = config(PREFIX);
    Map<String, String> named = new HashMap<>(config);
    named.put("name", "own-prefix");
    assertEquals(List.of(), connect.validate(KafkaSourceConnector.class.getName(), named).errors());
    connect.createConnector("own-prefix", config);
    connect.awaitConnectorRunning("own-prefix", 1);
    JsonNode row = Destination.rows(connect, "orders", 1).get(0);
    assertEquals("order-1", row.get("key").asText());
    connect.deleteConnector("own-prefix");
  }

  @Test
  void anotherTenantsPrefixIsDeniedAndNamesThePrefix() {
    Map<String, String> config = config(OTHER_TENANT);
    String expected =
        "heroku.prefix: the source cluster denied access to the topics [pale-5678.orders] (ACLs);"
            + " on multi-tenant plans every topic and consumer group must start with the app's"
            + " KAFKA_PREFIX: set heroku.prefix to it (it is 'pale-5678.')";
    SetupErrors.assertOnlyError(connect, config, "heroku.prefix", expected);
    SetupErrors.assertRejected(connect, "denied", config, expected);

    config.put(KafkaSourceConfig.CONNECTION_CHECK_MS, "0");
    connect.createConnector("denied", config);
    assertEquals(
        "org.apache.kafka.connect.errors.ConnectException: " + expected,
        SetupErrors.failure(connect, "denied"));
    connect.deleteConnector("denied");
  }

  private Map<String, String> config(String prefix) {
    Map<String, String> config =
        Destination.config(
            "heroku.kafka.url", heroku.herokuUrl(),
            "heroku.trusted.cert", heroku.trustedCert(),
            "heroku.client.cert", TestCertificates.certificatePem(List.of(app.certificate())),
            "heroku.client.cert.key", TestCertificates.pkcs1Pem(app),
            "heroku.prefix", prefix,
            "source.ssl.endpoint.identification.algorithm", "",
            "topics", "orders");
    config.put("tasks.max", "1");
    return config;
  }
}
