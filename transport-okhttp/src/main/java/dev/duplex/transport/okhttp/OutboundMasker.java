package dev.duplex.transport.okhttp;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Re-masks every frame OkHttp writes with a key from {@link SecureRandom}, and empties the Close
 * frame when the connection asked for a Close without a code.
 *
 * <p>OkHttp masks each frame with a fresh key, but draws the keys from {@code java.util.Random},
 * which an observer of a few keys can predict; RFC 6455 5.3 and 10.3 require keys from a strong
 * source of entropy, so that a script cannot choose the bytes an intermediary sees. OkHttp's
 * {@code close()} also requires a code, where W3C {@code close()} without one sends an empty Close
 * frame.
 *
 * <p>It follows the stream OkHttp writes: the HTTP request up to the empty line, then frames. For
 * each frame it replaces the 4-byte key with a new one and XORs the payload with the difference
 * of the keys, which turns OkHttp's masking into masking with the new key. When {@link
 * WireControl#emptyCloseRequested()}, a Close frame carrying just a code loses its body. A frame
 * that is not masked (never written by a client) ends the work: bytes then pass unchanged.
 *
 * <p>Threading: one writer at a time (OkHttp writes a socket from one thread at a time); the
 * methods are synchronized anyway since a close and a write may race at the end.
 */
final class OutboundMasker {
  private static final SecureRandom RANDOM = new SecureRandom();

  private enum Phase { REQUEST, HEAD, KEY, PAYLOAD, PASS_THROUGH }

  private final WireControl wire;
  private Phase phase = Phase.REQUEST;
  private int crlf;
  private final FrameHeader head = new FrameHeader();
  private final byte[] oldKey = new byte[4];
  private final byte[] newKey = new byte[4];
  private final byte[] delta = new byte[4];
  private int keyIndex;
  private long payloadLeft;
  private long payloadIndex;
  private boolean dropPayload;

  /** @param wire what the connection asks of its Close frame */
  OutboundMasker(WireControl wire) {
    this.wire = wire;
  }

  /**
   * @param b bytes OkHttp writes, in order; not changed
   * @return the bytes to put on the wire instead: as many, or fewer when a Close body is dropped
   */
  synchronized byte[] transform(byte[] b, int off, int len) {
    byte[] out = new byte[len];
    int w = 0;
    for (int i = off, end = off + len; i < end; i++) {
      int v = step(b[i]);
      if (v >= 0) {
        out[w++] = (byte) v;
      }
    }
    return w == len ? out : Arrays.copyOf(out, w);
  }

  /** @return the byte to write for {@code c}, or -1 to drop it */
  private int step(byte c) {
    switch (phase) {
      case REQUEST:
        crlf = (c == '\r' && (crlf == 0 || crlf == 2)) || (c == '\n' && (crlf == 1 || crlf == 3))
            ? crlf + 1
            : (c == '\r' ? 1 : 0);
        if (crlf == 4) {
          startFrame();
        }
        return c & 0xff;
      case HEAD:
        boolean complete = head.add(c);
        int written = c & 0xff;
        if (head.count() == 2 && emptiesThisClose()) {
          written = 0x80; // masked, no payload
          dropPayload = true;
        }
        if (complete) {
          headComplete();
        }
        return written;
      case KEY:
        oldKey[keyIndex] = c;
        int key = newKey[keyIndex] & 0xff;
        if (++keyIndex == 4) {
          for (int k = 0; k < 4; k++) {
            delta[k] = (byte) (oldKey[k] ^ newKey[k]);
          }
          phase = Phase.PAYLOAD;
          payloadIndex = 0;
          if (payloadLeft == 0) {
            startFrame();
          }
        }
        return key;
      case PAYLOAD:
        int masked = dropPayload ? -1 : (c ^ delta[(int) (payloadIndex++ & 3)]) & 0xff;
        if (--payloadLeft == 0) {
          startFrame();
        }
        return masked;
      default:
        return c & 0xff;
    }
  }

  /** A Close frame of just a code (2 bytes), when the connection asked for no code. */
  private boolean emptiesThisClose() {
    return head.opcode() == 0x8 && head.len7() == 2 && wire.emptyCloseRequested();
  }

  private void startFrame() {
    phase = Phase.HEAD;
    head.reset();
    dropPayload = false;
  }

  private void headComplete() {
    if (!head.masked()) {
      phase = Phase.PASS_THROUGH; // not a client frame: nothing to re-mask
      return;
    }
    payloadLeft = head.payloadLength();
    RANDOM.nextBytes(newKey);
    keyIndex = 0;
    phase = Phase.KEY;
  }
}
