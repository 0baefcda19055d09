package dev.duplex.transport.okhttp;

import java.security.SecureRandom;

/**
 * Re-masks every frame OkHttp writes with a key from {@link SecureRandom}. OkHttp masks each frame
 * with a fresh key, but draws the keys from {@code java.util.Random}, which an observer of a few
 * keys can predict; RFC 6455 5.3 and 10.3 require keys from a strong source of entropy, so that a
 * script cannot choose the bytes an intermediary sees.
 *
 * <p>It follows the stream OkHttp writes: the HTTP request up to the empty line, then frames. For
 * each frame it replaces the 4-byte key with a new one and XORs the payload with the difference
 * of the keys, which turns OkHttp's masking into masking with the new key. The lengths never
 * change. A frame that is not masked (never written by a client) ends the work: bytes then pass
 * unchanged.
 *
 * <p>Threading: one writer at a time (OkHttp writes a socket from one thread at a time); the
 * methods are synchronized anyway since a close and a write may race at the end.
 */
final class OutboundMasker {
  private static final SecureRandom RANDOM = new SecureRandom();

  private enum Phase { REQUEST, HEAD, EXTENDED_LENGTH, KEY, PAYLOAD, PASS_THROUGH }

  private Phase phase = Phase.REQUEST;
  private int crlf;
  private final byte[] head = new byte[10];
  private int headLength;
  private int headNeeded;
  private final byte[] oldKey = new byte[4];
  private final byte[] newKey = new byte[4];
  private final byte[] delta = new byte[4];
  private int keyIndex;
  private long payloadLeft;
  private long payloadIndex;

  /**
   * @param b bytes OkHttp writes, in order; not changed
   * @return the bytes to put on the wire instead, of the same length
   */
  synchronized byte[] transform(byte[] b, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(b, off, out, 0, len);
    int i = 0;
    while (i < len && phase != Phase.PASS_THROUGH) {
      i = step(out, i, len);
    }
    return out;
  }

  private int step(byte[] out, int i, int len) {
    switch (phase) {
      case REQUEST:
        byte c = out[i];
        crlf = (c == '\r' && (crlf == 0 || crlf == 2)) || (c == '\n' && (crlf == 1 || crlf == 3))
            ? crlf + 1
            : (c == '\r' ? 1 : 0);
        if (crlf == 4) {
          startFrame();
        }
        return i + 1;
      case HEAD:
      case EXTENDED_LENGTH:
        head[headLength++] = out[i];
        if (headLength == headNeeded) {
          headComplete();
        }
        return i + 1;
      case KEY:
        oldKey[keyIndex] = out[i];
        out[i] = newKey[keyIndex];
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
        return i + 1;
      case PAYLOAD:
        int n = (int) Math.min(payloadLeft, len - i);
        for (int k = 0; k < n; k++) {
          out[i + k] ^= delta[(int) ((payloadIndex + k) & 3)];
        }
        payloadIndex += n;
        payloadLeft -= n;
        if (payloadLeft == 0) {
          startFrame();
        }
        return i + n;
      default:
        return len;
    }
  }

  private void startFrame() {
    phase = Phase.HEAD;
    headLength = 0;
    headNeeded = 2;
  }

  private void headComplete() {
    int len7 = head[1] & 0x7f;
    if (phase == Phase.HEAD) {
      if ((head[1] & 0x80) == 0) {
        phase = Phase.PASS_THROUGH;
        return;
      }
      if (len7 >= 126) {
        phase = Phase.EXTENDED_LENGTH;
        headNeeded = len7 == 126 ? 4 : 10;
        return;
      }
      payloadLeft = len7;
    } else {
      long length = 0;
      for (int k = 2; k < headNeeded; k++) {
        length = (length << 8) | (head[k] & 0xff);
      }
      payloadLeft = length;
    }
    RANDOM.nextBytes(newKey);
    keyIndex = 0;
    phase = Phase.KEY;
  }
}
