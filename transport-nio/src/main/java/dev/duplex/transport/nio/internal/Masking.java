package dev.duplex.transport.nio.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

  /** Eight bytes of a byte array as one long in the machine's byte order. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  /**
   * Chunks at least this long are masked as two arrays XORed element by element (vectorised,
   * see {@link MaskScratch}); shorter ones a machine word at a time, which costs no spelling out
   * of the key.
   */
  static final int VECTOR_MIN = 128;

  /**
   * Copies {@code n} bytes from {@code src} (absolute index {@code srcIndex}; src's position and
   * limit are neither used nor changed) to {@code dst} at its position, masking them, and advances
   * {@code dst}'s position.
   *
   * <p>The bytes go through {@code scratch} a chunk at a time: a bulk copy in from the source,
   * the masking there, a bulk copy out into {@code dst}. Bulk copies are memory moves, so this is
   * several times faster than masking through the buffers' own {@code getLong}/{@code putLong},
   * whose bounds checks and byte swaps dominate.
   */
  static void maskCopy(ByteBuffer src, int srcIndex, ByteBuffer dst, int n, int key, int offset,
      MaskScratch scratch) {
    int k = rotate(key, offset);
    byte[] data = scratch.data;
    int done = 0;
    while (done < n) {
      int c = Math.min(n - done, data.length);
      if (c >= VECTOR_MIN) {
        if (src.hasArray()) {
          System.arraycopy(src.array(), src.arrayOffset() + srcIndex + done, data, 0, c);
        } else {
          src.get(srcIndex + done, data, 0, c);
        }
        // Every chunk but the last is a whole scratch, a multiple of 4 long: each starts at k.
        scratch.xor(k, c);
      } else {
        maskWords(src, srcIndex + done, data, c, k);
      }
      dst.put(data, 0, c);
      done += c;
    }
  }

  /** Masks {@code c} bytes of {@code src} from {@code index} into {@code data}, a word at a time. */
  private static void maskWords(ByteBuffer src, int index, byte[] data, int c, int k) {
    byte[] from;
    int f;
    if (src.hasArray()) {
      from = src.array();
      f = src.arrayOffset() + index;
    } else {
      src.get(index, data, 0, c);
      from = data;
      f = 0;
    }
    long mask = wide(k);
    if (LITTLE_ENDIAN) {
      mask = Long.reverseBytes(mask);
    }
    int i = 0;
    for (; i + 8 <= c; i += 8) {
      LONGS.set(data, i, (long) LONGS.get(from, f + i) ^ mask);
    }
    for (; i < c; i++) {
      data[i] = (byte) (from[f + i] ^ (k >>> (24 - 8 * (i & 3))));
    }
  }
}
