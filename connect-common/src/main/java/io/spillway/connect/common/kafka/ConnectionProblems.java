package io.spillway.connect.common.kafka;

import io.spillway.connect.common.config.ConfigKeyException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Turns what a Kafka client throws when it cannot use a cluster into one line that names the
 * setting to fix: untrusted certificate chain, host name mismatch, client certificate refused, SASL
 * login refused, unknown host, ACLs that do not cover the topic prefix, no answer at all. The
 * client's own message is buried in the last "Caused by" of a generic handshake failure.
 */
public final class ConnectionProblems {
  private static final List<String> REFUSED_ALERTS =
      List.of("certificate_required", "bad_certificate", "unknown_ca", "certificate_unknown");

  private ConnectionProblems() {}

  /** The setting to fix and why; a problem not recognised is reported on the address setting. */
  public static ConfigKeyException explain(Throwable failure, ClusterConfig config) {
    ClusterKeys keys = config.keys();
    List<Throwable> chain = chain(failure);
    String cluster = keys.cluster();
    boolean heroku = config.heroku();
    String address = heroku ? keys.herokuUrl() : keys.bootstrapServers();
    SaslAuthenticationException sasl = find(chain, SaslAuthenticationException.class);
    if (sasl != null) {
      return new ConfigKeyException(
          keys.adminPrefix() + "sasl.jaas.config",
          "the "
              + cluster
              + " refused the SASL login ("
              + sasl.getMessage()
              + "); check the user name and password here and under "
              + keys.consumerPrefix()
              + ", and the sasl.mechanism");
    }
    AuthorizationException denied = find(chain, AuthorizationException.class);
    if (denied != null) {
      return new ConfigKeyException(
          keys.herokuTopicPrefix(),
          "the " + cluster + " denied " + deniedWhat(denied) + " (ACLs)" + prefixAdvice(config));
    }
    UnknownHostException unknownHost = find(chain, UnknownHostException.class);
    if (unknownHost != null || mentions(chain, "No resolvable bootstrap urls")) {
      return new ConfigKeyException(
          address,
          "no host of "
              + address
              + " is known to DNS"
              + (unknownHost == null || unknownHost.getMessage() == null
                  ? ""
                  : " (" + unknownHost.getMessage() + ")")
              + "; check the host names");
    }
    if (find(chain, SslAuthenticationException.class) != null
        || find(chain, SSLException.class) != null) {
      return tlsProblem(chain, config);
    }
    if (find(chain, TimeoutException.class) != null
        || find(chain, org.apache.kafka.common.errors.TimeoutException.class) != null) {
      return new ConfigKeyException(
          address,
          "the "
              + cluster
              + " did not answer in time; check "
              + address
              + ", that the worker can reach those hosts, and "
              + (heroku
                  ? "that the URL's kafka+ssl:// scheme matches the listener"
                  : "the " + keys.securityProtocol()));
    }
    return new ConfigKeyException(address, "cannot use the " + cluster + ": " + rootMessage(chain));
  }

  private static ConfigKeyException tlsProblem(List<Throwable> chain, ClusterConfig config) {
    ClusterKeys keys = config.keys();
    String cluster = keys.cluster();
    boolean heroku = config.heroku();
    String hostName = message(chain, "No subject alternative", "No name matching");
    if (hostName != null) {
      return new ConfigKeyException(
          keys.endpointIdentification(),
          "the broker certificate does not name the host connected to ("
              + hostName
              + "); connect by a name the certificate holds, or set this to an empty value, as for"
              + " Heroku's brokers, whose certificates name no host");
    }
    if (find(chain, CertPathBuilderException.class) != null
        || find(chain, CertPathValidatorException.class) != null
        || message(chain, "unable to find valid certification path", "PKIX path") != null) {
      return new ConfigKeyException(
          heroku ? keys.herokuTrustedCert() : passthrough(config, "ssl.truststore"),
          "the "
              + cluster
              + "'s certificate does not chain to the trusted certificates (untrusted certificate"
              + " chain); "
              + (heroku
                  ? "set it to the app's current KAFKA_TRUSTED_CERT"
                  : "trust the CA that signed the broker certificates"));
    }
    String alert = refusedAlert(chain);
    if (alert != null) {
      return new ConfigKeyException(
          heroku ? keys.herokuClientCert() : passthrough(config, "ssl.keystore"),
          "the "
              + cluster
              + " refused the client certificate (TLS alert "
              + alert
              + "); "
              + (heroku
                  ? "set "
                      + keys.herokuClientCert()
                      + " and "
                      + keys.herokuClientCertKey()
                      + " to the app's KAFKA_CLIENT_CERT and KAFKA_CLIENT_CERT_KEY"
                  : "give a client certificate the cluster's CA signed"));
    }
    return new ConfigKeyException(
        heroku ? keys.herokuUrl() : keys.securityProtocol(),
        "the TLS handshake with the " + cluster + " failed (" + rootMessage(chain) + ")");
  }

  /** The passthrough key of an SSL store, as the user wrote it for the admin client. */
  private static String passthrough(ClusterConfig config, String store) {
    String pem = store + (store.endsWith("truststore") ? ".certificates" : ".certificate.chain");
    String key = config.adminOverrides().containsKey(pem) ? pem : store + ".location";
    return config.keys().adminPrefix() + key;
  }

  private static String deniedWhat(AuthorizationException denied) {
    if (denied instanceof TopicAuthorizationException topics
        && !topics.unauthorizedTopics().isEmpty()) {
      return "access to the topics " + new TreeSet<>(topics.unauthorizedTopics());
    }
    if (denied instanceof GroupAuthorizationException group && group.groupId() != null) {
      return "the consumer group '" + group.groupId() + "'";
    }
    return "access (" + denied.getMessage() + ")";
  }

  private static String prefixAdvice(ClusterConfig config) {
    String key = config.keys().herokuTopicPrefix();
    String prefix = config.topicPrefix();
    return "; on multi-tenant plans every topic and consumer group must start with the app's"
        + " KAFKA_PREFIX: set "
        + key
        + " to it"
        + (prefix.isEmpty() ? " (it is empty)" : " (it is '" + prefix + "')");
  }

  private static String refusedAlert(List<Throwable> chain) {
    for (Throwable t : chain) {
      String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      for (String alert : REFUSED_ALERTS) {
        if (text.contains(alert)) {
          return alert;
        }
      }
    }
    return null;
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
    for (Throwable t : chain) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean mentions(List<Throwable> chain, String text) {
    return message(chain, text) != null;
  }

  /** The first message in the chain containing one of {@code texts}, from that text on. */
  private static String message(List<Throwable> chain, String... texts) {
    for (Throwable t : chain) {
      String message = t.getMessage();
      for (String text : texts) {
        int at = message == null ? -1 : message.indexOf(text);
        if (at >= 0) {
          return message.substring(at);
        }
      }
    }
    return null;
  }

  private static String rootMessage(List<Throwable> chain) {
    Throwable root = chain.get(chain.size() - 1);
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
