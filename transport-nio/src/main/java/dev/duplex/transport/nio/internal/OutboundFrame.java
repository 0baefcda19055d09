package dev.duplex.transport.nio.internal;

import static dev.duplex.transport.nio.internal.WebSocketProtocol.B0_FIN;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.B1_MASK;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.LENGTH_16;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.LENGTH_64;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_BINARY;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_CLOSE;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_PING;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_PONG;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.OPCODE_TEXT;

import dev.duplex.spi.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One client frame on its way out (RFC 6455 section 5.2): the first header byte, the payload
 * (read with absolute indices, so the caller's position and limit are never used or changed)
 * and how far it has been copied. {@link #writeTo} writes the header and the masked payload into
 * an output buffer, as much as fits, so a large frame is written piece by piece.
 *
 * <p>Every message is sent as a single final frame. Threading: created on any thread, then
 * confined to the connection's selector thread.
 */
final class OutboundFrame {
  /** The largest header: 2 bytes, a 64-bit length and the masking key. */
  static final int MAX_HEADER = 14;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private int b0;
  private ByteBuffer payload;
  private int start;
  private int length;
  /** Application bytes to report as transmitted once written. */
  final long appBytes;
  /** Whether this frame still needs compressing (permessage-deflate) before it is written. */
  private boolean compress;
  /**
   * Whether {@link #payload} is lent by the caller of a send and must be copied before that send
   * returns ({@link #keepPayload}).
   */
  private boolean borrowed;
  /** Payload bytes copied so far; -1 while the header is not written. */
  private int copied = -1;
  private int maskKey;

  private OutboundFrame(int opcode, ByteBuffer payload, long appBytes, boolean compress) {
    this.b0 = B0_FIN | opcode;
    this.payload = payload;
    this.start = payload.position();
    this.length = payload.remaining();
    this.appBytes = appBytes;
    this.compress = compress;
  }

  static OutboundFrame text(String text, boolean compress) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return new OutboundFrame(OPCODE_TEXT, ByteBuffer.wrap(utf8), utf8.length, compress);
  }

  static OutboundFrame binary(ByteBuffer data, boolean compress) {
    return new OutboundFrame(OPCODE_BINARY, data, data.remaining(), compress);
  }

  /** A binary frame over bytes lent for the duration of a send: see {@link #keepPayload}. */
  static OutboundFrame borrowedBinary(ByteBuffer data, boolean compress) {
    OutboundFrame f = binary(data, compress);
    f.borrowed = true;
    return f;
  }

  static OutboundFrame ping(byte[] payload) {
    return new OutboundFrame(OPCODE_PING, ByteBuffer.wrap(payload), 0, false);
  }

  static OutboundFrame pong(byte[] payload) {
    return new OutboundFrame(OPCODE_PONG, ByteBuffer.wrap(payload), 0, false);
  }

  /**
   * A Close frame; {@link CloseCodes#NO_STATUS_RECEIVED} (1005) makes one with no body. The
   * reason is cut, at a character boundary, to the 123 bytes a control frame allows.
   */
  static OutboundFrame close(int code, String reason) {
    if (code == CloseCodes.NO_STATUS_RECEIVED) {
      return new OutboundFrame(OPCODE_CLOSE, EMPTY, 0, false);
    }
    byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(utf8.length, WebSocketProtocol.MAX_CLOSE_REASON);
    while (n < utf8.length && n > 0 && (utf8[n] & 0xc0) == 0x80) {
      n--; // never split a character
    }
    ByteBuffer body = ByteBuffer.allocate(2 + n);
    body.putShort((short) code).put(utf8, 0, n).flip();
    return new OutboundFrame(OPCODE_CLOSE, body, 0, false);
  }

  boolean isControl() {
    return WebSocketProtocol.isControl(b0 & 0x0f);
  }

  boolean isPong() {
    return (b0 & 0x0f) == OPCODE_PONG;
  }

  boolean isClose() {
    return (b0 & 0x0f) == OPCODE_CLOSE;
  }

  /** Compresses the payload if this frame asked for it; call on the selector thread, in order. */
  void compressWith(MessageDeflater deflater) {
    if (compress) {
      compress = false;
      payload = deflater.compress(payload, start, length);
      borrowed = false;
      start = 0;
      length = payload.remaining();
      b0 |= WebSocketProtocol.B0_RSV1;
    }
  }

  /**
   * Writes as much of the frame as fits into {@code out}, masking through {@code scratch} (see
   * {@link Masking#maskCopy}).
   *
   * @return true when the whole frame has been written
   */
  boolean writeTo(ByteBuffer out, MaskKeys keys, MaskScratch scratch) {
    if (copied < 0) {
      if (out.remaining() < MAX_HEADER) {
        return false;
      }
      maskKey = keys.next();
      out.put((byte) b0);
      if (length < LENGTH_16) {
        out.put((byte) (B1_MASK | length));
      } else if (length <= 0xffff) {
        out.put((byte) (B1_MASK | LENGTH_16)).putShort((short) length);
      } else {
        out.put((byte) (B1_MASK | LENGTH_64)).putLong(length);
      }
      out.putInt(maskKey);
      copied = 0;
    }
    int n = Math.min(out.remaining(), length - copied);
    Masking.maskCopy(payload, start + copied, out, n, maskKey, copied, scratch);
    copied += n;
    return copied == length;
  }

  /**
   * Ends the loan of a borrowed payload: copies the bytes not yet copied into an output buffer
   * (none if the frame has been written), so the caller may change its buffer. Nothing for a
   * frame that owns its payload.
   */
  void keepPayload() {
    if (!borrowed) {
      return;
    }
    borrowed = false;
    int done = Math.max(copied, 0);
    int n = length - done;
    ByteBuffer rest = EMPTY;
    if (n > 0) {
      rest = ByteBuffer.allocate(n).put(0, payload, start + done, n);
    }
    payload = rest;
    // Payload byte i of the frame is at index start + i: the copy begins with byte done.
    start = -done;
  }

  /** @return the payload bytes not yet copied into an output buffer (before any compression) */
  int remaining() {
    return length - Math.max(copied, 0);
  }

  /** @return whether no byte of this frame has been written yet */
  boolean notStarted() {
    return copied < 0;
  }
}
