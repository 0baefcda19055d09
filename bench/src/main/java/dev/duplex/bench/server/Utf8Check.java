package dev.duplex.bench.server;

/**
 * Incremental UTF-8 validation (RFC 3629, the WHATWG decoder's byte ranges): fed one byte at a
 * time across frames and reads, it rejects a byte as soon as no valid sequence can continue with
 * it (overlong forms, surrogates and code points above U+10FFFF included).
 *
 * <p>Threading: confined to one connection's event loop.
 */
final class Utf8Check {
  private int needed;
  private int lower = 0x80;
  private int upper = 0xBF;

  /** Forgets any sequence in progress: a new message begins. */
  void reset() {
    needed = 0;
    lower = 0x80;
    upper = 0xBF;
  }

  /**
   * @param b the next byte
   * @return false if the bytes so far cannot begin any valid UTF-8 text
   */
  boolean accept(int b) {
    b &= 0xFF;
    if (needed == 0) {
      if (b < 0x80) {
        return true;
      }
      if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        needed = 2;
        lower = b == 0xE0 ? 0xA0 : 0x80;
        upper = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        needed = 3;
        lower = b == 0xF0 ? 0x90 : 0x80;
        upper = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return false;
      }
      return true;
    }
    if (b < lower || b > upper) {
      return false;
    }
    lower = 0x80;
    upper = 0xBF;
    needed--;
    return true;
  }

  /** @return whether the bytes so far end on a character boundary */
  boolean complete() {
    return needed == 0;
  }
}
