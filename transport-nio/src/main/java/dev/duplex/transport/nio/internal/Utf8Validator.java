package dev.duplex.transport.nio.internal;

/**
 * Validates UTF-8 incrementally (RFC 3629, as RFC 6455 section 8.1 requires), byte by byte as
 * they arrive, so that a bad sequence is detected as soon as it is certain, even in the middle of
 * a frame or across fragments. Rejects overlong forms, surrogates (U+D800..U+DFFF), code points
 * above U+10FFFF and truncated sequences (at {@link #isComplete()}).
 *
 * <p>The JDK's {@code CharsetDecoder} would also detect these, but it decodes while it checks,
 * keeps its state in a buffer of partial input, and would make us either copy partial sequences
 * or decode twice; a table-driven automaton (after Bjoern Hoehrmann's "Flexible and Economical
 * UTF-8 Decoder") checks in one table lookup per byte and keeps one int of state.
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread.
 */
final class Utf8Validator {
  static final int ACCEPT = 0;
  static final int REJECT = 1;

  // Byte classes: which kind of byte each of the 256 values is.
  private static final byte[] CLASS = new byte[256];
  // Transitions: state * 16 + class -> next state. States: 0 accept, 1 reject, 2.. pending.
  private static final byte[] NEXT = new byte[9 * 16];

  static {
    for (int b = 0; b < 256; b++) {
      int c;
      if (b < 0x80) {
        c = 0; // ASCII
      } else if (b < 0x90) {
        c = 1; // continuation 80..8F
      } else if (b < 0xa0) {
        c = 2; // continuation 90..9F
      } else if (b < 0xc0) {
        c = 3; // continuation A0..BF
      } else if (b < 0xc2) {
        c = 4; // C0, C1: always overlong
      } else if (b < 0xe0) {
        c = 5; // two-byte lead
      } else if (b == 0xe0) {
        c = 6; // three-byte lead, second byte A0..BF (no overlong)
      } else if (b == 0xed) {
        c = 7; // three-byte lead, second byte 80..9F (no surrogates)
      } else if (b < 0xf0) {
        c = 8; // three-byte lead
      } else if (b == 0xf0) {
        c = 9; // four-byte lead, second byte 90..BF (no overlong)
      } else if (b < 0xf4) {
        c = 10; // four-byte lead
      } else if (b == 0xf4) {
        c = 11; // four-byte lead, second byte 80..8F (at most U+10FFFF)
      } else {
        c = 4; // F5..FF never appear
      }
      CLASS[b] = (byte) c;
    }
    java.util.Arrays.fill(NEXT, (byte) REJECT);
    // From ACCEPT.
    set(ACCEPT, 0, ACCEPT);
    set(ACCEPT, 5, 2);
    set(ACCEPT, 6, 4);
    set(ACCEPT, 7, 5);
    set(ACCEPT, 8, 3);
    set(ACCEPT, 9, 6);
    set(ACCEPT, 10, 7);
    set(ACCEPT, 11, 8);
    // 2: one continuation byte (any) left.
    set(2, 1, ACCEPT);
    set(2, 2, ACCEPT);
    set(2, 3, ACCEPT);
    // 3: two continuation bytes (any) left.
    set(3, 1, 2);
    set(3, 2, 2);
    set(3, 3, 2);
    // 4: after E0, needs A0..BF.
    set(4, 3, 2);
    // 5: after ED, needs 80..9F.
    set(5, 1, 2);
    set(5, 2, 2);
    // 6: after F0, needs 90..BF.
    set(6, 2, 3);
    set(6, 3, 3);
    // 7: after F1..F3, any continuation.
    set(7, 1, 3);
    set(7, 2, 3);
    set(7, 3, 3);
    // 8: after F4, needs 80..8F.
    set(8, 1, 3);
  }

  private static void set(int state, int byteClass, int next) {
    NEXT[state * 16 + byteClass] = (byte) next;
  }

  private int state = ACCEPT;

  /**
   * Feeds {@code len} bytes of {@code bytes} from {@code off}.
   *
   * @return false as soon as the input cannot be UTF-8, whatever follows
   */
  boolean feed(byte[] bytes, int off, int len) {
    int s = state;
    int i = off;
    int end = off + len;
    while (i < end) {
      byte b = bytes[i++];
      if (s == ACCEPT && b >= 0) {
        continue; // ASCII outside a sequence: the common case, one compare
      }
      s = NEXT[s * 16 + CLASS[b & 0xff]];
      if (s == REJECT) {
        break;
      }
    }
    state = s;
    return s != REJECT;
  }

  /** @return whether everything fed so far is UTF-8 that ends on a whole character */
  boolean isComplete() {
    return state == ACCEPT;
  }

  /** Starts again for the next message. */
  void reset() {
    state = ACCEPT;
  }

  /**
   * Checks a whole byte sequence.
   *
   * @return whether it is well-formed UTF-8
   */
  static boolean isValid(byte[] bytes, int off, int len) {
    Utf8Validator v = new Utf8Validator();
    return v.feed(bytes, off, len) && v.isComplete();
  }
}
