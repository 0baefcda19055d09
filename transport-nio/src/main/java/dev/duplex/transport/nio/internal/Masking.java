package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The XOR masking of RFC 6455 section 5.3, a machine word (eight bytes) at a time.
 *
 * <p>The key is an int whose most significant byte is octet 0 of the masking key, the way it
 * appears on the wire. {@code offset} says how many payload bytes (mod 4) came before, so a
 * payload can be masked in pieces.
 *
 * <p>Threading: pure functions; buffers must not be shared during a call.
 */
final class Masking {
  private Masking() {}

  /** The key rotated so that its first byte applies to payload byte {@code offset}. */
  private static int rotate(int key, int offset) {
    return Integer.rotateLeft(key, 8 * (offset & 3));
  }

  private static long wide(int key) {
    return ((long) key << 32) | (key & 0xffffffffL);
  }

  /** Unmasks (or masks: it is its own inverse) {@code buf}'s bytes {@code [start, end)} in place. */
  static void unmaskInPlace(ByteBuffer buf, int start, int end, int key, int offset) {
    int k = rotate(key, offset);
    long mask = wide(k);
    if (buf.order() == ByteOrder.LITTLE_ENDIAN) {
      mask = Long.reverseBytes(mask);
    }
    int i = start;
    for (; i + 8 <= end; i += 8) {
      buf.putLong(i, buf.getLong(i) ^ mask);
    }
    for (int j = 0; i < end; i++, j++) {
      buf.put(i, (byte) (buf.get(i) ^ (k >>> (24 - 8 * (j & 3)))));
    }
  }

  /**
   * Copies {@code n} bytes from {@code src} (absolute index {@code srcIndex}; src's position and
   * limit are neither used nor changed) to {@code dst} at its position, masking them, and advances
   * {@code dst}'s position.
   */
  static void maskCopy(ByteBuffer src, int srcIndex, ByteBuffer dst, int n, int key, int offset) {
    int k = rotate(key, offset);
    long mask = wide(k);
    long srcMask = src.order() == ByteOrder.BIG_ENDIAN ? mask : Long.reverseBytes(mask);
    boolean sameOrder = src.order() == dst.order();
    int d = dst.position();
    int i = 0;
    if (sameOrder) {
      for (; i + 8 <= n; i += 8) {
        dst.putLong(d + i, src.getLong(srcIndex + i) ^ srcMask);
      }
    } else {
      for (; i + 8 <= n; i += 8) {
        dst.putLong(d + i, Long.reverseBytes(src.getLong(srcIndex + i) ^ srcMask));
      }
    }
    for (int j = 0; i < n; i++, j++) {
      dst.put(d + i, (byte) (src.get(srcIndex + i) ^ (k >>> (24 - 8 * (j & 3)))));
    }
    dst.position(d + n);
  }
}
