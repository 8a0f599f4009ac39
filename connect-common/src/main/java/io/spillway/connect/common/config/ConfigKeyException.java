package io.spillway.connect.common.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * A setting that cannot be used, with the key to fix kept apart from the problem, so that {@code
 * validate} can report it on that key while the message ({@code "key: problem"}) still names it
 * wherever else it surfaces: a 400 answer to {@code POST /connectors}, a connector's status, a log.
 * Never put the setting's value in the problem: it may be a secret.
 */
public class ConfigKeyException extends ConfigException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;

  public ConfigKeyException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** The setting to fix. */
  public String key() {
    return key;
  }

  /** What is wrong with it, without the key. */
  public String problem() {
    return problem;
  }
}
