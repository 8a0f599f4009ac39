package io.spillway.connect.kinesis.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spillway.connect.kinesis.KinesisSinkConfig.StreamNameStyle;
import org.junit.jupiter.api.Test;

class StreamNamesTest {
  @Test
  void plainNamesFollowTheFormat() {
    StreamNames names = new StreamNames("spillway-${topic}", StreamNameStyle.PLAIN, "");
    assertEquals("spillway-orders.v1", names.of("orders.v1"));
    assertNull(StreamNames.invalidPlainFormat("spillway-${topic}"));
    assertNotNull(StreamNames.invalidPlainFormat("bad name ${topic}"));
  }

  @Test
  void aPlainNameKinesisCannotTakeIsRejected() {
    StreamNames names = new StreamNames("${topic}", StreamNameStyle.PLAIN, "");
    assertThrows(IllegalArgumentException.class, () -> names.of("x".repeat(129)));
  }

  @Test
  void airbyteNamesAreNamespaceUnderscoreStreamSanitised() {
    // As Airbyte's KinesisNameTransformer: its test expects "namespace_stream".
    assertEquals("namespace_stream", StreamNames.airbyte("namespace", "stream"));
    assertEquals("shop_orders_v1", StreamNames.airbyte("shop", "orders.v1"));
    assertEquals("_orders", StreamNames.airbyte(null, "orders"));
    assertEquals("cafe_creme", StreamNames.airbyte("café", "crème"));
    assertEquals(128, StreamNames.airbyte("n", "s".repeat(300)).length());
    StreamNames names = new StreamNames("${topic}", StreamNameStyle.AIRBYTE, "public");
    assertEquals("public_users", names.of("users"));
  }
}
