package dev.duplex.transport.jetty;

import dev.duplex.spi.CloseCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reassembles messages from the data frames Jetty hands over (after permessage-deflate), with
 * the two checks that Jetty's own message handling makes too late or too coarsely:
 *
 * <ul>
 *   <li>RFC 6455 8.1: text is decoded as it arrives, so invalid UTF-8 fails the connection with
 *       1007 at the first bad byte, not when a final fragment that may never come arrives
 *       (Autobahn 6.4.x);
 *   <li>RFC 6455 7.4.1: a message larger than the maximum (counted in payload bytes, after
 *       decompression) fails the connection with 1009 as soon as it is exceeded.
 * </ul>
 *
 * <p>Frame order (a continuation without a start, a new message inside another) is checked by
 * Jetty before frames get here. Uses the JDK's {@link CharsetDecoder} in REPORT mode rather than
 * a hand-written validator. Threading: confined to Jetty's reading of one connection, which
 * delivers one frame at a time.
 */
final class MessageAssembler {
  /** Receives whole messages and failures. */
  interface Sink {
    void text(String text);

    void binary(ByteBuffer data);

    void fail(int code, String reason, Throwable cause);
  }

  private final long maxMessageSize;
  private final Sink sink;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  private boolean inText;
  private boolean inBinary;
  private long size;
  private StringBuilder text;
  private ByteBuffer pending = ByteBuffer.allocate(0); // an incomplete UTF-8 sequence
  private ByteBuffer binary;
  private boolean failed;

  MessageAssembler(long maxMessageSize, Sink sink) {
    // A Java array holds a message; larger limits are capped to what one can hold.
    this.maxMessageSize = Math.min(maxMessageSize, Integer.MAX_VALUE - 8);
    this.sink = sink;
  }

  /** @param payload a text frame's payload @param fin whether it ends the message */
  void textFrame(ByteBuffer payload, boolean fin) {
    inText = true;
    size = 0;
    text = new StringBuilder();
    pending = ByteBuffer.allocate(0);
    decoder.reset();
    continuation(payload, fin);
  }

  /** @param payload a binary frame's payload @param fin whether it ends the message */
  void binaryFrame(ByteBuffer payload, boolean fin) {
    inBinary = true;
    size = 0;
    binary = null; // allocated once the size is known to be within the limit
    continuation(payload, fin);
  }

  /** @param payload a continuation frame's payload @param fin whether it ends the message */
  void continuation(ByteBuffer payload, boolean fin) {
    if (failed || (!inText && !inBinary)) {
      return;
    }
    size += payload.remaining();
    if (size > maxMessageSize) {
      fail(CloseCodes.MESSAGE_TOO_BIG, "Message too big",
          new IOException("A message exceeded the maximum message size of " + maxMessageSize
              + " bytes (RFC 6455 7.4.1, 1009)."));
      return;
    }
    if (inText) {
      appendText(payload, fin);
    } else {
      appendBinary(payload, fin);
    }
  }

  private void appendText(ByteBuffer payload, boolean fin) {
    ByteBuffer in = payload;
    if (pending.hasRemaining()) {
      in = ByteBuffer.allocate(pending.remaining() + payload.remaining());
      in.put(pending).put(payload).flip();
    }
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    CoderResult result = decoder.decode(in, out, fin);
    if (!result.isError() && fin) {
      result = decoder.flush(out);
    }
    if (result.isError() || (fin && in.hasRemaining())) {
      CharacterCodingException cause = new CharacterCodingException();
      fail(CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8",
          new IOException("A text message is not valid UTF-8 (RFC 6455 8.1, 1007).", cause));
      return;
    }
    text.append(out.flip());
    pending = ByteBuffer.allocate(in.remaining());
    pending.put(in).flip();
    if (fin) {
      inText = false;
      String message = text.toString();
      text = null;
      sink.text(message);
    }
  }

  private void appendBinary(ByteBuffer payload, boolean fin) {
    if (binary == null) {
      // A whole message in one frame (the common case) is copied once, into a buffer its size.
      binary = ByteBuffer.allocate(fin ? payload.remaining() : Math.min(payload.remaining(), 1 << 16));
    }
    if (binary.remaining() < payload.remaining()) {
      long needed = (long) binary.position() + payload.remaining();
      ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(needed, 2L * binary.capacity())));
      binary.flip();
      bigger.put(binary);
      binary = bigger;
    }
    binary.put(payload);
    if (fin) {
      inBinary = false;
      ByteBuffer message = binary.flip();
      binary = null;
      sink.binary(message);
    }
  }

  private void fail(int code, String reason, Throwable cause) {
    failed = true;
    text = null;
    binary = null;
    sink.fail(code, reason, cause);
  }
}
