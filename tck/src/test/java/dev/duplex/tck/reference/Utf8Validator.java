package dev.duplex.tck.reference;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one text message fragment by fragment and reports invalid UTF-8 as soon as the bytes
 * show it, using the JDK's strict decoder (it rejects overlong forms, surrogates and code points
 * above U+10FFFF) and carrying an incomplete sequence over to the next fragment.
 *
 * <p>Threading: confined to the connection's reader thread.
 */
final class Utf8Validator {
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final StringBuilder text = new StringBuilder();
  private byte[] carry = new byte[0];

  /**
   * Adds a fragment.
   *
   * @param bytes the fragment's payload
   * @param last whether it ends the message
   * @throws CharacterCodingException if the bytes so far cannot be UTF-8
   */
  void feed(byte[] bytes, boolean last) throws CharacterCodingException {
    ByteBuffer in = ByteBuffer.allocate(carry.length + bytes.length).put(carry).put(bytes).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    CoderResult r = decoder.decode(in, out, last);
    if (r.isError()) {
      r.throwException();
    }
    if (last) {
      r = decoder.flush(out);
      if (r.isError() || in.hasRemaining()) {
        throw new CharacterCodingException();
      }
    }
    carry = new byte[in.remaining()];
    in.get(carry);
    text.append(out.flip());
  }

  /** @return the decoded message */
  String text() {
    return text.toString();
  }

  /**
   * Decodes one complete byte sequence strictly.
   *
   * @param bytes the bytes
   * @return the text
   * @throws CharacterCodingException if not valid UTF-8
   */
  static String decode(byte[] bytes) throws CharacterCodingException {
    Utf8Validator v = new Utf8Validator();
    v.feed(bytes, true);
    return v.text();
  }
}
