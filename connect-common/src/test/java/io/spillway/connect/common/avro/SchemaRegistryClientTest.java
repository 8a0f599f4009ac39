package io.spillway.connect.common.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.errors.BadInputException;
import io.spillway.connect.testkit.TestSchemaRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void fetchesByIdWithBasicAuthAndCaches() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      int id = registry.register("s-value", AvroFlattenTest.KEY);
      registry.requireBasicAuth("user", "pa:ss");
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), "user:pa:ss", TIMEOUT);
      registry.resetRequestCount();
      Schema first = client.schemaById(id);
      assertEquals(AvroFlattenTest.KEY, first);
      assertSame(first, client.schemaById(id));
      assertEquals(1, registry.requestCount());

      SchemaRegistryClient anonymous =
          new SchemaRegistryClient(List.of(registry.url()), null, TIMEOUT);
      ConnectException refused =
          assertThrows(ConnectException.class, () -> anonymous.schemaById(id));
      assertTrue(
          refused.getMessage().contains("refused the credentials (401)"), refused.getMessage());
    }
  }

  @Test
  void unknownIdIsBadInputNamingTheId() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), null, TIMEOUT);
      BadInputException e = assertThrows(BadInputException.class, () -> client.schemaById(31));
      assertTrue(e.getMessage().startsWith("unknown schema id 31"), e.getMessage());
    }
  }

  @Test
  void triesTheNextUrlWhenOneIsDown() {
    try (TestSchemaRegistry down = new TestSchemaRegistry();
        TestSchemaRegistry up = new TestSchemaRegistry()) {
      int id = up.register("s-value", AvroFlattenTest.KEY);
      down.stop();
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(down.url(), up.url()), null, TIMEOUT);
      assertEquals(AvroFlattenTest.KEY, client.schemaById(id));
    }
  }

  @Test
  void degradedRegistryIsRetriable() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      int id = registry.register("s-value", AvroFlattenTest.KEY);
      registry.setDegraded(true);
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), null, TIMEOUT);
      RetriableException e = assertThrows(RetriableException.class, () -> client.schemaById(id));
      assertTrue(e.getMessage().contains("answered 503"), e.getMessage());
    }
  }
}
