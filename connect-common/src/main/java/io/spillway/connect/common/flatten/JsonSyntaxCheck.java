package io.spillway.connect.common.flatten;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.spillway.connect.common.json.JsonStringScan;

/**
 * A one-pass check, on the bytes, that a message is one well-formed JSON document in strict UTF-8:
 * no tokens, no strings, no allocation. It is the fast path of packed JSON mode, where the message
 * is only validated, and it only ever answers "certainly valid": every document it accepts is one
 * that Jackson's default parser accepts too. Anything else (malformed input, but also a byte order
 * mark, deep nesting, long numbers or names near Jackson's limits, or loose UTF-8 that Jackson
 * tolerates) gets {@code false}, and the caller asks Jackson, whose verdict and error message
 * stand. Not thread-safe: reuses its nesting stack.
 */
final class JsonSyntaxCheck {
  /** Deeper documents are left to Jackson (its default limit is far above). */
  private static final int MAX_DEPTH = 64;

  /** Longer numbers and field names are left to Jackson, which limits both. */
  private static final int MAX_TOKEN_BYTES = 100;

  private static final byte STRING_PLAIN = 0;
  private static final byte STRING_END = 1;
  private static final byte STRING_ESCAPE = 2;
  private static final byte STRING_OTHER = 3; // control characters and non-ASCII

  /** What each byte means inside a string; the common case (plain ASCII) is one lookup. */
  private static final byte[] IN_STRING = new byte[256];

  static {
    for (int b = 0; b < 256; b++) {
      IN_STRING[b] = b < 0x20 || b >= 0x80 ? STRING_OTHER : STRING_PLAIN;
    }
    IN_STRING['"'] = STRING_END;
    IN_STRING['\\'] = STRING_ESCAPE;
  }

  private final long maxLength;
  private final boolean[] isObject = new boolean[MAX_DEPTH];

  JsonSyntaxCheck(StreamReadConstraints jacksonLimits) {
    // A document no longer than Jackson's string limit cannot hold a string beyond it.
    boolean unlimitedDocuments = jacksonLimits.getMaxDocumentLength() <= 0;
    boolean unlimitedTokens = jacksonLimits.getMaxTokenCount() <= 0;
    boolean roomyLimits =
        jacksonLimits.getMaxNestingDepth() >= MAX_DEPTH
            && jacksonLimits.getMaxNumberLength() >= MAX_TOKEN_BYTES
            && jacksonLimits.getMaxNameLength() >= MAX_TOKEN_BYTES;
    this.maxLength =
        unlimitedDocuments && unlimitedTokens && roomyLimits
            ? jacksonLimits.getMaxStringLength()
            : -1;
  }

  /** True only if the bytes are certainly one JSON document that Jackson accepts. */
  boolean isCertainlyValid(byte[] json) {
    if (json.length > maxLength) {
      return false;
    }
    int end = document(json, whitespace(json, 0));
    return end >= 0 && whitespace(json, end) == json.length;
  }

  /** Walks one document from {@code i}; returns the index after it, or -1. */
  private int document(byte[] b, int i) {
    int depth = 0;
    while (true) {
      // A value is expected at i.
      if (i >= b.length) {
        return -1;
      }
      byte c = b[i];
      if (c == '{' || c == '[') {
        if (depth == MAX_DEPTH) {
          return -1;
        }
        boolean object = c == '{';
        isObject[depth++] = object;
        i = whitespace(b, i + 1);
        if (i < b.length && b[i] == (object ? '}' : ']')) {
          depth--;
          i++;
        } else {
          if (object && (i = fieldName(b, i)) < 0) {
            return -1;
          }
          continue;
        }
      } else {
        i = scalar(b, i, c);
        if (i < 0) {
          return -1;
        }
      }
      // A value ended before i: close containers until one expects another member.
      while (true) {
        if (depth == 0) {
          return i;
        }
        i = whitespace(b, i);
        if (i >= b.length) {
          return -1;
        }
        c = b[i];
        boolean object = isObject[depth - 1];
        if (c == ',') {
          i = whitespace(b, i + 1);
          if (object && (i = fieldName(b, i)) < 0) {
            return -1;
          }
          break;
        }
        if (c != (object ? '}' : ']')) {
          return -1;
        }
        depth--;
        i++;
      }
    }
  }

  /** Reads {@code "name" :} at i; returns the index of the value (whitespace skipped), or -1. */
  private static int fieldName(byte[] b, int i) {
    if (i >= b.length || b[i] != '"') {
      return -1;
    }
    int end = string(b, i + 1, true);
    if (end < 0 || end - i > MAX_TOKEN_BYTES) {
      return -1;
    }
    i = whitespace(b, end);
    if (i >= b.length || b[i] != ':') {
      return -1;
    }
    return whitespace(b, i + 1);
  }

  private static int scalar(byte[] b, int i, byte c) {
    return switch (c) {
      case '"' -> string(b, i + 1, false);
      case 't' -> literal(b, i, "true");
      case 'f' -> literal(b, i, "false");
      case 'n' -> literal(b, i, "null");
      default -> c == '-' || (c >= '0' && c <= '9') ? number(b, i) : -1;
    };
  }

  /** Skips a string's content from i (after the opening quote); returns the index after it. */
  private static int string(byte[] b, int i, boolean fieldName) {
    while (true) {
      i = JsonStringScan.plainRun(b, i);
      if (i >= b.length) {
        return -1;
      }
      byte kind = IN_STRING[b[i] & 0xff];
      if (kind == STRING_END) {
        return i + 1;
      } else if (kind == STRING_ESCAPE) {
        i = escape(b, i + 1, fieldName);
        if (i < 0) {
          return -1;
        }
      } else {
        i = utf8Sequence(b, i);
        if (i < 0) {
          return -1;
        }
      }
    }
  }

  /**
   * Skips one multi-byte character in strict UTF-8 (Unicode table 3-7: no overlong forms, no
   * surrogates, nothing above U+10FFFF); -1 for that and for control characters.
   */
  private static int utf8Sequence(byte[] b, int i) {
    int lead = b[i] & 0xff;
    int length;
    int min = 0x80;
    int max = 0xbf; // the range of the second byte; later bytes are always 80..BF
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = lead == 0xe0 ? 0xa0 : 0x80;
      max = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = lead == 0xf0 ? 0x90 : 0x80;
      max = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return -1; // a control character, a continuation byte, or a byte never used in UTF-8
    }
    if (i + length > b.length) {
      return -1;
    }
    int second = b[i + 1] & 0xff;
    if (second < min || second > max) {
      return -1;
    }
    for (int k = i + 2; k < i + length; k++) {
      if ((b[k] & 0xc0) != 0x80) {
        return -1;
      }
    }
    return i + length;
  }

  /** Jackson checks surrogate pairs written as escapes in field names only: leave those to it. */
  private static int escape(byte[] b, int i, boolean fieldName) {
    if (i >= b.length) {
      return -1;
    }
    switch (b[i]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return i + 1;
      case 'u':
        if (i + 4 >= b.length) {
          return -1;
        }
        int unit = 0;
        for (int k = i + 1; k <= i + 4; k++) {
          int digit = Character.digit(b[k], 16);
          if (digit < 0) {
            return -1;
          }
          unit = unit << 4 | digit;
        }
        return fieldName && Character.isSurrogate((char) unit) ? -1 : i + 5;
      default:
        return -1;
    }
  }

  /** RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  private static int number(byte[] b, int i) {
    int start = i;
    if (b[i] == '-') {
      i++;
    }
    if (i < b.length && b[i] == '0') {
      i++;
    } else {
      int digitsEnd = digits(b, i);
      if (digitsEnd == i) {
        return -1;
      }
      i = digitsEnd;
    }
    if (i < b.length && b[i] == '.') {
      int digitsEnd = digits(b, i + 1);
      if (digitsEnd == i + 1) {
        return -1;
      }
      i = digitsEnd;
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < b.length && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int digitsEnd = digits(b, i);
      if (digitsEnd == i) {
        return -1;
      }
      i = digitsEnd;
    }
    return i - start > MAX_TOKEN_BYTES ? -1 : i;
  }

  private static int digits(byte[] b, int i) {
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  private static int literal(byte[] b, int i, String word) {
    if (i + word.length() > b.length) {
      return -1;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return -1;
      }
    }
    return i + word.length();
  }

  private static int whitespace(byte[] b, int i) {
    while (i < b.length) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      i++;
    }
    return i;
  }
}
