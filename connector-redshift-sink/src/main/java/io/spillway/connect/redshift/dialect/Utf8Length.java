package io.spillway.connect.redshift.dialect;

/** UTF-8 length of a string without encoding it: Redshift sizes VARCHAR in bytes. */
final class Utf8Length {
  private Utf8Length() {}

  static long of(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
