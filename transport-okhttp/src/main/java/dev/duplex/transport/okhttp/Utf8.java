package dev.duplex.transport.okhttp;

/**
 * UTF-8 length of a string without encoding it. The JDK has no such function; OkHttp needs the
 * length up front to keep its queue under its cap, and encoding twice would double the cost of
 * every text message.
 *
 * <p>Threading: pure function.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * @param s a string; the engine passes well-formed UTF-16, and a lone surrogate counts as the
   *     one byte of {@code ?}, which is what Okio encodes it as, so the count always equals
   *     OkHttp's
   * @return the number of bytes of its UTF-8 encoding by Okio
   */
  static long length(String s) {
    long n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n += 1;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
