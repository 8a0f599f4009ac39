package io.spillway.connect.common.policy;

import static io.spillway.connect.common.flatten.Inputs.bytes;
import static io.spillway.connect.common.flatten.Inputs.flattener;
import static io.spillway.connect.common.flatten.Inputs.names;
import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.spillway.connect.common.flatten.FlatRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class ColumnPoliciesTest {

  private static String sha256Hex(String text) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hashesWithTheSaltAndBlocksColumns() throws Exception {
    FlatRecord row =
        flattener(
                "flatten.mode", "unpacked",
                "flatten.hash.columns", "value_email, key, value_age",
                "flatten.hash.salt", "s3cret",
                "flatten.block.columns", "headers,value_password")
            .flatten(
                raw(
                    "users",
                    0,
                    1,
                    bytes("user-1"),
                    bytes(
                        "{\"email\":\"a@b.c\",\"password\":\"hunter2\",\"age\":41,\"name\":\"Ann\"}"),
                    List.of()));
    assertEquals(sha256Hex("s3creta@b.c"), row.get("value_email"));
    assertEquals(sha256Hex("s3cretuser-1"), row.get("key"));
    assertEquals(sha256Hex("s3cret41"), row.get("value_age"));
    assertSame(Schema.OPTIONAL_STRING_SCHEMA, row.column("value_age").schema());
    assertEquals("Ann", row.get("value_name"));
    assertFalse(names(row).contains("headers"));
    assertFalse(names(row).contains("value_password"));
  }

  @Test
  void nullsStayNull() {
    FlatRecord row =
        flattener(
                "flatten.mode",
                "unpacked",
                "flatten.hash.columns",
                "value_email",
                "flatten.hash.salt",
                "x")
            .flatten(raw("users", 0, 1, "k", "{\"email\":null}"));
    assertNull(row.get("value_email"));
  }

  @Test
  void sameInputSameHashDifferentSaltDifferentHash() {
    ColumnPolicies a = new ColumnPolicies(java.util.Set.of("c"), java.util.Set.of(), "one");
    ColumnPolicies b = new ColumnPolicies(java.util.Set.of("c"), java.util.Set.of(), "two");
    assertEquals(a.hash("v"), a.hash("v"));
    assertFalse(a.hash("v").equals(b.hash("v")));
    assertEquals(64, a.hash("v").length());
  }
}
