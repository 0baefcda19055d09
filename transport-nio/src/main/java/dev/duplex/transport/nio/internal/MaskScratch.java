package dev.duplex.transport.nio.internal;

/**
 * The heap arrays that {@link Masking#maskCopy} masks through: the bytes being masked, and the
 * masking key repeated as far as they go. Keeping the key spelled out byte for byte lets the
 * masking be a plain XOR of two arrays element by element, the loop shape the JIT turns into
 * vector instructions whatever the call stack above it; the alternative, a machine word at a time
 * through a {@link java.lang.invoke.VarHandle}, is fast only while the JIT can inline the
 * VarHandle's machinery, which it stops doing when the masking runs deep in a handler's stack.
 *
 * <p>Threading: not thread-safe; one per selector thread ({@link BufferPool#maskScratch()}).
 */
final class MaskScratch {
  /** The bytes being masked; a multiple of four long, so every chunk starts a key cycle. */
  final byte[] data;
  private final byte[] pattern;
  /** The key spelled out in {@link #pattern}, and how many bytes of it are spelled out. */
  private int patternKey;
  private int patternLength;

  /** @param size the chunk size, a positive multiple of four */
  MaskScratch(int size) {
    if (size <= 0 || size % 4 != 0) {
      throw new IllegalArgumentException("The size must be a positive multiple of 4: " + size);
    }
    data = new byte[size];
    pattern = new byte[size];
  }

  /**
   * XORs the first {@code n} bytes of {@link #data} with {@code key} repeated (its most
   * significant byte on {@code data[0]}).
   */
  void xor(int key, int n) {
    byte[] p = spelledOut(key, n);
    byte[] d = data;
    for (int i = 0; i < n; i++) {
      d[i] ^= p[i];
    }
  }

  /** @return {@link #pattern} holding {@code key} repeated over at least its first n bytes */
  private byte[] spelledOut(int key, int n) {
    byte[] p = pattern;
    if (key != patternKey || patternLength < n) {
      if (key != patternKey || patternLength < 4) {
        p[0] = (byte) (key >>> 24);
        p[1] = (byte) (key >>> 16);
        p[2] = (byte) (key >>> 8);
        p[3] = (byte) key;
        patternKey = key;
        patternLength = 4;
      }
      // Doubling copies: about n bytes moved in log2(n / 4) bulk copies.
      while (patternLength < n) {
        int more = Math.min(patternLength, p.length - patternLength);
        System.arraycopy(p, 0, p, patternLength, more);
        patternLength += more;
      }
    }
    return p;
  }
}
