package dev.duplex.internal;

/**
 * WebIDL's {@code USVString} conversion (lone surrogates become U+FFFD) and UTF-8 lengths,
 * without encoding: the hot path of {@code send(String)} must not allocate for well-formed text.
 *
 * <p>Threading: pure functions.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * @param s a string
   * @return {@code s} itself if it is well-formed UTF-16, else a copy with every lone surrogate
   *     replaced by U+FFFD
   */
  public static String sanitize(String s) {
    int bad = firstLoneSurrogate(s);
    if (bad < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length()).append(s, 0, bad);
    for (int i = bad; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  private static int firstLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * The number of bytes of the UTF-8 encoding of a well-formed string (a lone surrogate counts
   * as the three bytes of U+FFFD).
   *
   * @param s the string
   * @return its UTF-8 length
   */
  public static long length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
