package io.spillway.connect.common.flatten;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.spillway.connect.common.errors.BadInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast check may only say "valid" where Jackson (the reference) agrees and the bytes are strict
 * UTF-8; it must say so for ordinary documents, or it buys nothing.
 */
class JsonSyntaxCheckTest {
  private final JsonSyntaxCheck check = new JsonSyntaxCheck(StreamReadConstraints.defaults());

  @Test
  void ordinaryDocumentsAreCertainlyValid() {
    for (String json :
        new String[] {
          "{}",
          "[]",
          " { } ",
          "\t[ 1 , 2 ]\r\n",
          "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
          "{\"n\":-0,\"f\":1.5e-3,\"g\":2E+10,\"h\":0.25,\"i\":-12}",
          "{\"s\":\"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9\\uD83D\\uDE00\"}",
          "{\"utf8\":\"é € 𝄞 日本\"}",
          "\"just a string\"",
          "42",
          "true",
          "null",
          "[[[[[[[[[[[]]]]]]]]]]]",
          "{\"a\":{},\"b\":[],\"c\":[{}]}",
        }) {
      assertTrue(check.isCertainlyValid(utf8(json)), json);
      assertTrue(jacksonAccepts(utf8(json)), json);
    }
  }

  @Test
  void malformedDocumentsAreNeverCertainlyValid() {
    for (String json :
        new String[] {
          "",
          " ",
          "{",
          "}",
          "{\"a\":}",
          "{\"a\" 1}",
          "{a:1}",
          "{'a':1}",
          "{\"a\":1,}",
          "[1,]",
          "[,1]",
          "[1 2]",
          "{} x",
          "{}{}",
          "1 2",
          "01",
          "-",
          "1.",
          ".5",
          "+1",
          "1e",
          "1e+",
          "NaN",
          "tru",
          "truex",
          "[true1]",
          "nul",
          "\"unterminated",
          "\"bad escape \\x\"",
          "\"short unicode \\u12\"",
          "\"tab\tinside\"",
          "[1]]",
          "[{]}",
          "// comment\n{}",
        }) {
      assertFalse(check.isCertainlyValid(utf8(json)), json);
      assertFalse(jacksonAccepts(utf8(json)), json);
    }
  }

  @Test
  void looseUtf8AndUnusualDocumentsAreLeftToJackson() {
    byte[][] inputs = {
      {'"', (byte) 0xc0, (byte) 0x80, '"'}, // overlong NUL: Jackson skips it, it is not UTF-8
      {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, // a surrogate
      {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
      {'"', (byte) 0xff, '"'},
      {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}, // byte order mark
      utf8("[".repeat(65) + "]".repeat(65)), // deeper than the fast path goes
      utf8("1".repeat(101)),
      utf8("{\"" + "k".repeat(100) + "\":1}"),
      utf8("{\"\\uD83D\\uDE00\":1}"), // Jackson checks escaped surrogates in field names
    };
    for (byte[] input : inputs) {
      assertFalse(check.isCertainlyValid(input), Arrays.toString(input));
    }
  }

  @Test
  void specialBytesAreFoundAtEveryPositionOfLongStrings() {
    byte[][] specials = {
      {'"'},
      {'\\'},
      {'\\', 'n'},
      {'\\', 'q'},
      {0x01},
      {0x1f},
      {0x7f},
      {(byte) 0xc3, (byte) 0xa9},
      {(byte) 0xc3},
      {(byte) 0xe2, (byte) 0x82, (byte) 0xac},
      {(byte) 0xf0, (byte) 0x9d, (byte) 0x84},
      {(byte) 0x80},
      {(byte) 0xff}
    };
    for (byte[] special : specials) {
      for (int before = 0; before < 20; before++) {
        byte[] json = new byte[before + special.length + 20];
        Arrays.fill(json, (byte) 'a');
        json[0] = '"';
        System.arraycopy(special, 0, json, 1 + before, special.length);
        json[json.length - 1] = '"';
        String shown = Arrays.toString(special) + " after " + before;
        boolean jackson = jacksonAccepts(json) && isStrictUtf8(json);
        assertTrue(check.isCertainlyValid(json) == jackson, shown);
      }
    }
  }

  @Test
  void agreesWithJacksonOnRandomDocumentsAndTheirMutations() {
    SplittableRandom random = new SplittableRandom(20240611);
    int mutatedButValid = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder json = new StringBuilder();
      RandomJson.value(random, json, 0);
      byte[] document = utf8(json.toString());
      assertTrue(check.isCertainlyValid(document), json.toString());
      assertTrue(jacksonAccepts(document), json.toString());
      for (int m = 0; m < 5; m++) {
        byte[] mutated = RandomJson.mutate(random, document);
        if (check.isCertainlyValid(mutated)) {
          String shown = new String(mutated, StandardCharsets.ISO_8859_1);
          assertTrue(jacksonAccepts(mutated), shown);
          assertTrue(isStrictUtf8(mutated), shown);
          mutatedButValid++;
        }
      }
    }
    assertTrue(mutatedButValid > 1_000, "mutations still valid: " + mutatedButValid);
  }

  private static boolean jacksonAccepts(byte[] json) {
    try {
      JsonColumns.validate(json);
      return true;
    } catch (BadInputException e) {
      return false;
    }
  }

  private static boolean isStrictUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Random JSON documents, and single-byte damage to them. */
  private static final class RandomJson {
    private static final String[] STRING_PARTS = {
      "a", "Z", " ", "\\\"", "\\\\", "\\/", "\\n", "\\u00e9", "\\uD83D\\uDE00", "é", "€", "𝄞", "日"
    };
    private static final String[] NUMBERS = {
      "0", "-0", "7", "-12", "3.25", "1e9", "1E-9", "-0.5e+3", "123456789012345678901234567890"
    };
    private static final byte[] INTERESTING = {
      '{',
      '}',
      '[',
      ']',
      '"',
      '\\',
      ',',
      ':',
      ' ',
      '\t',
      '\n',
      '0',
      '-',
      '.',
      'e',
      '+',
      't',
      'n',
      'u',
      'x',
      0,
      0x1f,
      0x7f,
      (byte) 0x80,
      (byte) 0xbf,
      (byte) 0xc3,
      (byte) 0xe2,
      (byte) 0xf0,
      (byte) 0xff
    };

    static void value(SplittableRandom random, StringBuilder out, int depth) {
      int kind = random.nextInt(depth > 4 ? 4 : 6);
      switch (kind) {
        case 0 -> string(random, out, false);
        case 1 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
        case 2 -> out.append(random.nextBoolean() ? "true" : "false");
        case 3 -> out.append("null");
        case 4 -> {
          out.append('[').append(space(random));
          int count = random.nextInt(4);
          for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : "," + space(random));
            value(random, out, depth + 1);
          }
          out.append(space(random)).append(']');
        }
        default -> {
          out.append('{').append(space(random));
          int count = random.nextInt(4);
          for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(space(random));
            string(random, out, true);
            out.append(space(random)).append(':').append(space(random));
            value(random, out, depth + 1);
          }
          out.append(space(random)).append('}');
        }
      }
    }

    /** Field names without escaped surrogates, which the fast check leaves to Jackson. */
    private static void string(SplittableRandom random, StringBuilder out, boolean fieldName) {
      out.append('"');
      int parts = random.nextInt(6);
      for (int i = 0; i < parts; i++) {
        String part = STRING_PARTS[random.nextInt(STRING_PARTS.length)];
        out.append(fieldName && part.startsWith("\\uD") ? "x" : part);
      }
      out.append('"');
    }

    private static String space(SplittableRandom random) {
      return switch (random.nextInt(8)) {
        case 0 -> " ";
        case 1 -> "\n\t ";
        default -> "";
      };
    }

    static byte[] mutate(SplittableRandom random, byte[] document) {
      int at = random.nextInt(document.length);
      byte b = INTERESTING[random.nextInt(INTERESTING.length)];
      return switch (random.nextInt(4)) {
        case 0 -> { // replace
          byte[] copy = document.clone();
          copy[at] = b;
          yield copy;
        }
        case 1 -> { // insert
          byte[] copy = new byte[document.length + 1];
          System.arraycopy(document, 0, copy, 0, at);
          copy[at] = b;
          System.arraycopy(document, at, copy, at + 1, document.length - at);
          yield copy;
        }
        case 2 -> { // delete
          byte[] copy = new byte[document.length - 1];
          System.arraycopy(document, 0, copy, 0, at);
          System.arraycopy(document, at + 1, copy, at, document.length - at - 1);
          yield copy;
        }
        default -> Arrays.copyOf(document, at); // truncate
      };
    }
  }
}
