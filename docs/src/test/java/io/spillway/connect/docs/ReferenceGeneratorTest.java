package io.spillway.connect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.docs.PluginCatalog.Archive;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.junit.jupiter.api.Test;

class ReferenceGeneratorTest {

  private static final String EXPECTED =
      """
      # Test plugins

      Configuration reference for the plugins in the `test-plugins` plugin archive. This file is \
      generated from the plugins' `ConfigDef`s; do not edit it by hand, regenerate it with \
      `mvn -pl docs -am test -Dspillway.docs.update=true`.

      ## `Rename`

      Transform `io.spillway.connect.docs.TestPlugins$Rename`. Add an alias to the connector's \
      `transforms` list and set \
      `transforms.<alias>.type=io.spillway.connect.docs.TestPlugins$Rename`; the properties below \
      are set as `transforms.<alias>.<property>`.

      ### Contents

      | Property | Summary |
      |---|---|
      | [`topic`](#topic) | New name. |

      ### Properties

      #### `topic`

      New name.

      | Attribute | Value |
      |---|---|
      | Type | string |
      | Default | `renamed` |
      | Importance | high |

      ## `Echo`

      Converter `io.spillway.connect.docs.TestPlugins$Echo`. Set \
      `key.converter=io.spillway.connect.docs.TestPlugins$Echo` or \
      `value.converter=io.spillway.connect.docs.TestPlugins$Echo`; the properties below are \
      prefixed with `key.converter.` or `value.converter.` respectively.

      ### Contents

      | Property | Summary |
      |---|---|
      | [`topic`](#topic-1) | Echo topic. |

      ### Properties

      #### `topic`

      Echo topic.

      | Attribute | Value |
      |---|---|
      | Type | string |
      | Default | `null` |
      | Importance | low |
      """;

  @Test
  void rendersOneSectionPerPluginWithDistinctAnchors() {
    Archive archive =
        Archive.of(
            "test-plugins",
            "Test plugins",
            TestPlugins.Rename.class.getName(),
            TestPlugins.Echo.class.getName());
    assertEquals(EXPECTED, ReferenceGenerator.render(archive));
  }

  @Test
  void aConverterShowsItsSettingsButNotTheTypeTheWorkerSets() {
    Archive archive = Archive.inEveryArchive("json", "JSON", JsonConverter.class.getName());
    assertTrue(
        new JsonConverter().config().configKeys().containsKey(ConverterConfig.TYPE_CONFIG),
        "JsonConverter's ConfigDef has converter.type");
    String rendered = ReferenceGenerator.render(archive);
    assertTrue(rendered.contains("#### `schemas.enable`"), rendered);
    assertTrue(rendered.contains("#### `decimal.format`"), rendered);
    assertFalse(rendered.contains(ConverterConfig.TYPE_CONFIG), rendered);
    assertTrue(
        rendered.contains("the plugins in every Spillway plugin archive (`lib/connect-common-"),
        rendered);
  }

  @Test
  void missingPluginClassNamesTheEntryAndTheClass() {
    Archive archive = Archive.of("connect-nothing", "Nothing", "io.spillway.NoSuchConnector");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ReferenceGenerator.render(archive));
    assertEquals(
        "Catalog entry 'connect-nothing': plugin class io.spillway.NoSuchConnector not found"
            + " (ClassNotFoundException). Is the module that ships it a dependency of"
            + " docs/pom.xml, and is the name spelled correctly?",
        e.getMessage());
    assertInstanceOf(ClassNotFoundException.class, e.getCause());
  }

  @Test
  void rejectsClassesThatAreNotConnectPlugins() {
    Archive archive = Archive.of("connect-odd", "Odd", String.class.getName());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ReferenceGenerator.render(archive));
    assertEquals(
        "Catalog entry 'connect-odd': plugin class java.lang.String is not a Connect plugin"
            + " (no ConnectPlugin)",
        e.getMessage());
  }
}
