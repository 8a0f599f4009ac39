package io.spillway.connect.common.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TestSchemaRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class SchemaRegistryRegisterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Schema V1 =
      SchemaBuilder.record("row").fields().requiredLong("id").endRecord();
  private static final Schema V2 =
      SchemaBuilder.record("row").fields().requiredLong("id").optionalString("name").endRecord();

  @Test
  void registersOncePerSubjectAndSchemaWithBasicAuth() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      registry.requireBasicAuth("user", "pa:ss");
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), "user:pa:ss", TIMEOUT);
      int id = client.register("orders-value", V1);
      assertEquals(id, client.register("orders-value", V1));
      assertEquals(1, registry.requestCount(), "the second call is served from the cache");
      assertEquals(List.of(V1), registry.schemas("orders-value"));

      // Ids are global: the same schema under another subject gets the same id.
      assertEquals(id, client.register("orders-key", V1));
      int v2 = client.register("orders-value", V2);
      assertNotEquals(id, v2);
      assertEquals(List.of(V1, V2), registry.schemas("orders-value"));
      assertEquals(List.of("orders-value", "orders-key"), registry.subjects());
      assertEquals(V2, client.schemaById(v2));
    }
  }

  @Test
  void subjectWithSpecialCharactersIsOnePathSegment() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), null, TIMEOUT);
      client.register("db.public orders-value", V1);
      assertEquals(List.of(V1), registry.schemas("db.public orders-value"));
    }
  }

  @Test
  void incompatibleSchemaIsADataExceptionNamingSubjectAndReason() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      registry.register("orders-value", V1);
      registry.rejectNewSchemas("orders-value");
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), null, TIMEOUT);
      assertTrue(client.register("orders-value", V1) > 0, "a schema it holds still registers");
      DataException e =
          assertThrows(DataException.class, () -> client.register("orders-value", V2));
      assertTrue(e.getMessage().contains("subject orders-value (409)"), e.getMessage());
      assertTrue(e.getMessage().contains("incompatible with an earlier schema"), e.getMessage());
      assertEquals(List.of(V1), registry.schemas("orders-value"));
    }
  }

  @Test
  void refusedCredentialsFailTheTaskInsteadOfCountingAsBadData() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      registry.requireBasicAuth("user", "secret");
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), "user:wrong", TIMEOUT);
      ConnectException e = assertThrows(ConnectException.class, () -> client.register("t-key", V1));
      assertFalse(e instanceof DataException || e instanceof RetriableException, e.toString());
      assertTrue(e.getMessage().contains("(401) registering subject t-key"), e.getMessage());
    }
  }

  @Test
  void degradedOrUnreachableRegistryIsRetriableThenRegisters() {
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(registry.url()), null, TIMEOUT);
      registry.setDegraded(true);
      RetriableException degraded =
          assertThrows(RetriableException.class, () -> client.register("t-value", V1));
      assertTrue(degraded.getMessage().contains("answered 503"), degraded.getMessage());
      registry.setDegraded(false);
      registry.stop();
      RetriableException down =
          assertThrows(RetriableException.class, () -> client.register("t-value", V1));
      assertTrue(down.getMessage().contains("unreachable while registering"), down.getMessage());
      registry.start();
      client.register("t-value", V1);
      assertEquals(List.of(V1), registry.schemas("t-value"));
    }
  }

  @Test
  void triesTheNextUrlWhenOneIsDown() {
    try (TestSchemaRegistry down = new TestSchemaRegistry();
        TestSchemaRegistry up = new TestSchemaRegistry()) {
      down.stop();
      SchemaRegistryClient client =
          new SchemaRegistryClient(List.of(down.url(), up.url()), null, TIMEOUT);
      int id = client.register("t-value", V1);
      assertEquals(V1, up.schemas("t-value").get(0));
      assertEquals(V1, client.schemaById(id));
    }
  }
}
