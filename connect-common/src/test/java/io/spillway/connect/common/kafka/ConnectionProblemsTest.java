package io.spillway.connect.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.common.config.ConfigKeyException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * The failures that need a differently built cluster (SASL listener, ACL authorizer) or none at
 * all; the TLS ones are also exercised against a real mutual-TLS broker in the Kafka source ITs.
 */
class ConnectionProblemsTest {
  private static final ClusterKeys SOURCE = ClusterKeys.SOURCE;

  @Test
  void saslLoginRefusedNamesTheJaasConfig() {
    ConfigKeyException e =
        ConnectionProblems.explain(
            new ExecutionException(
                new SaslAuthenticationException(
                    "Authentication failed during authentication due to invalid credentials with"
                        + " SASL mechanism SCRAM-SHA-512")),
            plain());
    assertEquals("source.admin.sasl.jaas.config", e.key());
    assertEquals(
        "source.admin.sasl.jaas.config: the source cluster refused the SASL login (Authentication"
            + " failed during authentication due to invalid credentials with SASL mechanism"
            + " SCRAM-SHA-512); check the user name and password here and under source.consumer.,"
            + " and the sasl.mechanism",
        e.getMessage());
  }

  @Test
  void aclDenialNamesThePrefix() {
    ConfigKeyException topics =
        ConnectionProblems.explain(
            new TopicAuthorizationException(Set.of("orders")), heroku("wiry-1234."));
    assertEquals(
        "heroku.prefix: the source cluster denied access to the topics [orders] (ACLs); on"
            + " multi-tenant plans every topic and consumer group must start with the app's"
            + " KAFKA_PREFIX: set heroku.prefix to it (it is 'wiry-1234.')",
        topics.getMessage());
    ConfigKeyException group =
        ConnectionProblems.explain(
            new GroupAuthorizationException("denied", "spillway-task-0"), heroku(""));
    assertEquals(
        "heroku.prefix: the source cluster denied the consumer group 'spillway-task-0' (ACLs); on"
            + " multi-tenant plans every topic and consumer group must start with the app's"
            + " KAFKA_PREFIX: set heroku.prefix to it (it is empty)",
        group.getMessage());
  }

  @Test
  void noAnswerNamesTheAddressSetting() {
    assertEquals(
        "heroku.kafka.url: the source cluster did not answer in time; check heroku.kafka.url, that"
            + " the worker can reach those hosts, and that the URL's kafka+ssl:// scheme matches"
            + " the listener",
        ConnectionProblems.explain(new TimeoutException("Timed out"), heroku("")).getMessage());
    assertEquals(
        "source.bootstrap.servers: the source cluster did not answer in time; check"
            + " source.bootstrap.servers, that the worker can reach those hosts, and the"
            + " source.security.protocol",
        ConnectionProblems.explain(new TimeoutException("Timed out"), plain()).getMessage());
  }

  @Test
  void plainClustersNameThePassthroughStoreTheUserSet() {
    Map<String, String> props = new HashMap<>();
    props.put(SOURCE.bootstrapServers(), "k1:9093");
    props.put(SOURCE.adminPrefix() + "ssl.truststore.certificates", "pem");
    ClusterConfig config = ClusterClientsTest.config(props);
    SslAuthenticationException untrusted =
        new SslAuthenticationException(
            "SSL handshake failed",
            new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
    assertEquals(
        "source.admin.ssl.truststore.certificates",
        ConnectionProblems.explain(untrusted, config).key());
    SslAuthenticationException refused =
        new SslAuthenticationException(
            "SSL handshake failed",
            new javax.net.ssl.SSLHandshakeException("Received fatal alert: certificate_required"));
    assertEquals(
        "source.admin.ssl.keystore.location", ConnectionProblems.explain(refused, config).key());
  }

  private static ClusterConfig plain() {
    return ClusterClientsTest.config(Map.of(SOURCE.bootstrapServers(), "k1:9092"));
  }

  private static ClusterConfig heroku(String prefix) {
    return ClusterClientsTest.config(
        Map.of(SOURCE.herokuUrl(), "kafka+ssl://b1:9096", SOURCE.herokuTopicPrefix(), prefix));
  }
}
