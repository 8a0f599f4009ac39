package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.errors.ErrorTolerance;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class FlattenConfigTest {

  @Test
  void defaults() {
    FlattenConfig config = config();
    assertEquals(FlattenMode.AUTO, config.mode());
    assertEquals(MessageType.JSON, config.messageType());
    assertEquals(KeyType.TEXT, config.keyType());
    assertEquals(ErrorTolerance.NONE, config.errorTolerance());
    assertTrue(config.schemaRegistryUrls().isEmpty());
  }

  @Test
  void valuesAreCaseInsensitive() {
    assertEquals(FlattenMode.UNPACKED, config("flatten.mode", "Unpacked").mode());
  }

  @Test
  void secretsArePasswords() {
    ConfigDef def = FlattenConfig.define(new ConfigDef());
    assertEquals(ConfigDef.Type.PASSWORD, def.configKeys().get(FlattenConfig.HASH_SALT).type);
    assertEquals(
        ConfigDef.Type.PASSWORD,
        def.configKeys().get(FlattenConfig.SCHEMA_REGISTRY_USER_INFO).type);
    assertEquals(
        "[hidden]",
        config("flatten.hash.columns", "key", "flatten.hash.salt", "s").hashSalt().toString());
  }

  @Test
  void rejectsBadCombinations() {
    assertThrows(ConfigException.class, () -> config("flatten.mode", "flat"));
    assertThrows(ConfigException.class, () -> config("flatten.message.type", "avro"));
    assertThrows(ConfigException.class, () -> config("flatten.key.type", "avro"));
    assertThrows(ConfigException.class, () -> config("flatten.hash.columns", "key"));
    assertThrows(ConfigException.class, () -> config("flatten.block.columns", "offset"));
    assertThrows(ConfigException.class, () -> config("flatten.hash.columns", "partition"));
    assertThrows(
        ConfigException.class, () -> config("flatten.schema.registry.url", "ftp://registry:8081"));
    ConfigException both =
        assertThrows(
            ConfigException.class,
            () ->
                config(
                    "flatten.hash.columns", "key",
                    "flatten.hash.salt", "s",
                    "flatten.block.columns", "key"));
    assertTrue(both.getMessage().contains("choose one policy"), both.getMessage());
  }

  @Test
  void avroWithRegistryIsAccepted() {
    FlattenConfig config =
        config(
            "flatten.message.type", "avro",
            "flatten.schema.registry.url", "http://localhost:8081,https://backup:8081",
            "flatten.schema.registry.basic.auth.user.info", "u:p");
    assertEquals(2, config.schemaRegistryUrls().size());
    assertEquals("u:p", config.schemaRegistryUserInfo().value());
  }
}
