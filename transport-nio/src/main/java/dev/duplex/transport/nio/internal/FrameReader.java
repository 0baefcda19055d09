package dev.duplex.transport.nio.internal;

import static dev.duplex.transport.nio.internal.WebSocketProtocol.B1_LENGTH;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.B1_MASK;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.LENGTH_16;
import static dev.duplex.transport.nio.internal.WebSocketProtocol.LENGTH_64;

import java.nio.ByteBuffer;

/**
 * A push parser of RFC 6455 frames (section 5.2): it takes whatever bytes arrived, keeps the
 * little state a frame header needs between calls (never the bytes themselves), and hands the
 * payload on in slices of the caller's buffer as it arrives. It decodes bits and checks nothing:
 * the rules (reserved bits, opcodes, masking, lengths) belong to the {@link Handler}, which is
 * {@link MessageDecoder} in production.
 *
 * <p>A masked frame is unmasked in place in the caller's buffer before its payload is handed on.
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread.
 */
final class FrameReader {

  /** Receives the decoded pieces of each frame, in order. */
  interface Handler {
    /**
     * A frame header is complete.
     *
     * @param b0 the first byte: FIN, RSV1..3 and the opcode
     * @param masked whether the MASK bit was set
     * @param length the payload length; negative if the 64-bit length had its top bit set
     */
    void frameStart(int b0, boolean masked, long length) throws WebSocketFailure;

    /** A piece of payload, already unmasked; valid only during the call. */
    void framePayload(ByteBuffer payload) throws WebSocketFailure;

    /** The frame's payload is complete. */
    void frameEnd() throws WebSocketFailure;
  }

  private enum State { HEADER, LENGTH, MASK_KEY, PAYLOAD }

  private final Handler handler;
  private State state = State.HEADER;
  /** Header bytes still needed by the current state. */
  private int needed = 2;
  /** The header bytes gathered so far for the current state. */
  private long gathered;
  private int b0;
  private boolean masked;
  private long length;
  private long remaining;
  private int maskKey;
  private int maskOffset;
  private boolean stopped;

  FrameReader(Handler handler) {
    this.handler = handler;
  }

  /**
   * Consumes all of {@code in}, calling the handler for every piece of a frame it completes.
   *
   * @throws WebSocketFailure when the handler rejects what it saw; the reader must then not be
   *     used again
   */
  void parse(ByteBuffer in) throws WebSocketFailure {
    while (in.hasRemaining() && !stopped) {
      if (state == State.PAYLOAD) {
        payload(in);
        continue;
      }
      if (!gather(in)) {
        return;
      }
      long value = gathered;
      gathered = 0;
      switch (state) {
        case HEADER:
          b0 = (int) (value >>> 8) & 0xff;
          int b1 = (int) value & 0xff;
          masked = (b1 & B1_MASK) != 0;
          int len7 = b1 & B1_LENGTH;
          if (len7 == LENGTH_16) {
            enter(State.LENGTH, 2);
          } else if (len7 == LENGTH_64) {
            enter(State.LENGTH, 8);
          } else {
            length = len7;
            afterLength();
          }
          break;
        case LENGTH:
          length = value;
          afterLength();
          break;
        case MASK_KEY:
          maskKey = (int) value;
          startPayload();
          break;
        default:
          throw new IllegalStateException("Unexpected parser state " + state + ".");
      }
    }
  }

  /** Ignores every later byte (after a Close frame, section 5.5.1). */
  void stop() {
    stopped = true;
  }

  private boolean gather(ByteBuffer in) {
    while (needed > 0 && in.hasRemaining()) {
      gathered = (gathered << 8) | (in.get() & 0xff);
      needed--;
    }
    return needed == 0;
  }

  private void enter(State next, int bytes) {
    state = next;
    needed = bytes;
  }

  private void afterLength() throws WebSocketFailure {
    if (masked) {
      enter(State.MASK_KEY, 4);
    } else {
      startPayload();
    }
  }

  private void startPayload() throws WebSocketFailure {
    remaining = length;
    maskOffset = 0;
    handler.frameStart(b0, masked, length);
    if (remaining <= 0) {
      endFrame();
    } else {
      state = State.PAYLOAD;
    }
  }

  private void payload(ByteBuffer in) throws WebSocketFailure {
    int n = (int) Math.min(in.remaining(), remaining);
    int start = in.position();
    int end = start + n;
    if (masked) {
      Masking.unmaskInPlace(in, start, end, maskKey, maskOffset);
      maskOffset = (maskOffset + n) & 3;
    }
    int limit = in.limit();
    in.limit(end);
    handler.framePayload(in);
    in.limit(limit);
    in.position(end);
    remaining -= n;
    if (remaining == 0) {
      endFrame();
    }
  }

  private void endFrame() throws WebSocketFailure {
    enter(State.HEADER, 2);
    handler.frameEnd();
  }
}
