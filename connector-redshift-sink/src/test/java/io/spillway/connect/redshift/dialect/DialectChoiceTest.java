package io.spillway.connect.redshift.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.redshift.RedshiftSinkConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which dialect a config picks: the one it names, or with {@code auto} the one of its URL. */
class DialectChoiceTest {

  private static RedshiftSinkConfig config(String url, String dialect) {
    return new RedshiftSinkConfig(Map.of("connection.url", url, "dialect", dialect));
  }

  @Test
  void autoPicksTheDialectOfTheUrlsDriver() {
    assertTrue(config(" jdbc:redshift://h:5439/dev", "auto").redshiftUrl());
    assertFalse(config("jdbc:postgresql://h:5432/dev", "auto").redshiftUrl());
    assertEquals("redshift", Dialect.of(config(" jdbc:redshift://h:5439/dev", "auto")).name());
    assertEquals("postgresql", Dialect.of(config("jdbc:postgresql://h:5432/dev", "auto")).name());
  }

  @Test
  void aNamedDialectWinsOverTheUrl() {
    assertEquals(
        "postgresql", Dialect.of(config("jdbc:redshift://h:5439/dev", "postgresql")).name());
    assertEquals("redshift", Dialect.of(config("jdbc:postgresql://h:5432/dev", "redshift")).name());
  }
}
