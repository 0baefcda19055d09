package dev.duplex.transport.okhttp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks one text message's UTF-8 as its bytes arrive, in any pieces, with the JDK's decoder in
 * REPORT mode (which rejects overlong forms, encoded surrogates and code points above U+10FFFF as
 * RFC 3629 requires). A sequence split between pieces is carried over; one still incomplete at the
 * end of the message is malformed. The decoded characters are thrown away: OkHttp decodes the
 * message again, and this only answers "valid or not", as early as the bytes show it.
 *
 * <p>Threading: confined to the socket's reading thread.
 */
final class Utf8Validator {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer scratch = CharBuffer.allocate(4096);
  private final byte[] carry = new byte[8];
  private int carried;

  /** Forgets any previous message. */
  void start() {
    decoder.reset();
    carried = 0;
  }

  /**
   * @param b bytes of the message, in order
   * @return false if they cannot be (the start of) valid UTF-8
   */
  boolean accept(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    // Complete a sequence carried over from the previous piece one byte at a time.
    while (carried > 0 && i < end) {
      carry[carried++] = b[i++];
      ByteBuffer in = ByteBuffer.wrap(carry, 0, carried);
      if (!decode(in, false)) {
        return false;
      }
      carried = in.remaining();
      System.arraycopy(carry, in.position(), carry, 0, carried);
    }
    if (i == end) {
      return true;
    }
    ByteBuffer in = ByteBuffer.wrap(b, i, end - i);
    if (!decode(in, false)) {
      return false;
    }
    carried = in.remaining();
    in.get(carry, 0, carried);
    return true;
  }

  /** @return false if the message ends inside a sequence */
  boolean finish() {
    ByteBuffer in = ByteBuffer.wrap(carry, 0, carried);
    boolean ok = decode(in, true) && !decoder.flush(scratch.clear()).isError();
    start();
    return ok;
  }

  private boolean decode(ByteBuffer in, boolean last) {
    while (true) {
      CoderResult r = decoder.decode(in, scratch.clear(), last);
      if (r.isError()) {
        return false;
      }
      if (!r.isOverflow()) {
        return true;
      }
    }
  }
}
