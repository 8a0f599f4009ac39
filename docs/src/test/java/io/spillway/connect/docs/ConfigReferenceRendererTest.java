package io.spillway.connect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;

class ConfigReferenceRendererTest {

  /**
   * Keys are defined out of order on purpose: the groups must follow {@link ConfigDef#groups()}
   * (Connection before Batching, although B sorts first), and keys inside a group orderInGroup then
   * name (batch.size and pk.fields share order 1).
   */
  private static ConfigDef definition() {
    return new ConfigDef()
        .define(
            "connection.url",
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "JDBC URL of the target database. It must name the database.",
            "Connection",
            1,
            Width.LONG,
            "URL",
            List.of("connection.user", "connection.password"))
        .define(
            "batch.size",
            Type.INT,
            500,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Records per batch | the flush unit. Larger batches trade latency for throughput.",
            "Batching",
            1,
            Width.SHORT,
            "Batch size")
        .define(
            "connection.user",
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Database user; empty uses the driver's default.",
            "Connection",
            2,
            Width.MEDIUM,
            "User")
        .define(
            "mode",
            Type.STRING,
            "insert",
            ConfigDef.LambdaValidator.with((name, value) -> {}, () -> "insert | upsert"),
            Importance.HIGH,
            "Write mode.",
            "Batching",
            0,
            Width.SHORT,
            "Mode")
        .define(
            "connection.password",
            Type.PASSWORD,
            "changeit",
            Importance.HIGH,
            "Password of the database user.",
            "Connection",
            3,
            Width.MEDIUM,
            "Password")
        .define(
            "pk.fields",
            Type.LIST,
            "id,tenant",
            Importance.LOW,
            "Primary-key fields.",
            "Batching",
            1,
            Width.LONG,
            "Primary key")
        .define("tags", Type.LIST, "", Importance.LOW, "Extra tags.")
        .define("retry.backoff.ms", Type.LONG, 100L, Importance.LOW, "Backoff between retries.")
        .defineInternal("internal.secret.sauce", Type.STRING, "x", Importance.LOW);
  }

  private static final String EXPECTED =
      """
      # JDBC sink

      Writes records to a database.

      ## Contents

      | Property | Summary |
      |---|---|
      | [`connection.url`](#connectionurl) | JDBC URL of the target database. |
      | [`connection.user`](#connectionuser) | Database user; empty uses the driver's default. |
      | [`connection.password`](#connectionpassword) | Password of the database user. |
      | [`mode`](#mode) | Write mode. |
      | [`batch.size`](#batchsize) | Records per batch \\| the flush unit. |
      | [`pk.fields`](#pkfields) | Primary-key fields. |
      | [`retry.backoff.ms`](#retrybackoffms) | Backoff between retries. |
      | [`tags`](#tags) | Extra tags. |

      ## Connection

      ### `connection.url`

      JDBC URL of the target database. It must name the database.

      | Attribute | Value |
      |---|---|
      | Type | string |
      | Default | required |
      | Valid values | non-empty string |
      | Importance | high |
      | Dependents | `connection.user`, `connection.password` |

      ### `connection.user`

      Database user; empty uses the driver's default.

      | Attribute | Value |
      |---|---|
      | Type | string |
      | Default | `""` |
      | Importance | medium |

      ### `connection.password`

      Password of the database user.

      | Attribute | Value |
      |---|---|
      | Type | password |
      | Default | [hidden] |
      | Importance | high |

      ## Batching

      ### `mode`

      Write mode.

      | Attribute | Value |
      |---|---|
      | Type | string |
      | Default | `insert` |
      | Valid values | insert \\| upsert |
      | Importance | high |

      ### `batch.size`

      Records per batch | the flush unit. Larger batches trade latency for throughput.

      | Attribute | Value |
      |---|---|
      | Type | int |
      | Default | `500` |
      | Valid values | [1,...] |
      | Importance | medium |

      ### `pk.fields`

      Primary-key fields.

      | Attribute | Value |
      |---|---|
      | Type | list |
      | Default | `id,tenant` |
      | Importance | low |

      ## Other

      ### `retry.backoff.ms`

      Backoff between retries.

      | Attribute | Value |
      |---|---|
      | Type | long |
      | Default | `100` |
      | Importance | low |

      ### `tags`

      Extra tags.

      | Attribute | Value |
      |---|---|
      | Type | list |
      | Default | `""` |
      | Importance | low |
      """;

  @Test
  void rendersGroupsKeysAndAttributesExactly() {
    assertEquals(
        EXPECTED,
        ConfigReferenceRenderer.render("JDBC sink", "Writes records to a database.", definition()));
  }

  @Test
  void isDeterministicAndEndsWithOneNewline() {
    String first = ConfigReferenceRenderer.render("T", "I", definition());
    assertEquals(first, ConfigReferenceRenderer.render("T", "I", definition()));
    assertTrue(first.endsWith("|\n") && !first.endsWith("\n\n"), "single trailing newline");
  }

  @Test
  void ungroupedKeysAloneAreTitledProperties() {
    ConfigDef definition =
        new ConfigDef().define("topic", Type.STRING, "t", Importance.HIGH, "Target topic.");
    String rendered = ConfigReferenceRenderer.render("T", "I", definition);
    assertTrue(rendered.contains("\n## Properties\n\n### `topic`\n"), rendered);
  }

  @Test
  void emptyDefinitionSaysSo() {
    assertEquals(
        "# T\n\nI\n\nThis plugin has no configuration properties.\n",
        ConfigReferenceRenderer.render("T", "I", new ConfigDef()));
  }

  @Test
  void rejectsValidatorsWithoutDescription() {
    ConfigDef.Validator opaque = (name, value) -> {};
    ConfigDef definition =
        new ConfigDef().define("n", Type.INT, 1, opaque, Importance.LOW, "A number.");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConfigReferenceRenderer.render("T", "I", definition));
    assertTrue(e.getMessage().contains("'n'") && e.getMessage().contains("LambdaValidator"));
  }

  @Test
  void codeSpansSurviveBackticksAndAnchorsFollowGitHub() {
    assertEquals("`a.b`", Markdown.code("a.b"));
    assertEquals("``a`b``", Markdown.code("a`b"));
    assertEquals("`` `x ``", Markdown.code("`x"));
    Markdown.Anchors anchors = new Markdown.Anchors();
    assertEquals("contents", anchors.next("Contents"));
    assertEquals("topicname", anchors.next("`topic.name`"));
    assertEquals("contents-1", anchors.next("Contents"));
    assertEquals("topicname-1", anchors.next("`topic.name`"));
    assertEquals("connection-settings", anchors.next("Connection settings"));
  }
}
