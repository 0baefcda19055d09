package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one incoming message as they arrive: a byte array that grows by doubling, never
 * past the size the caller checked against its limit, and never by more than the bytes that have
 * actually arrived would need (so a frame header that announces 2^63 bytes allocates nothing).
 *
 * <p>Threading: not thread-safe; confined to the connection's selector thread.
 */
final class MessageBuffer {
  /**
   * The most allocated ahead of bytes that have arrived: messages up to this size are received
   * into an array of exactly their size, larger ones grow by doubling as their bytes arrive.
   */
  static final int MAX_PREALLOCATION = 1 << 20;

  private byte[] bytes;
  private int size;

  MessageBuffer(long expected) {
    bytes = new byte[(int) Math.max(16, Math.min(expected, MAX_PREALLOCATION))];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  /** Makes room for at least {@code n} more bytes. */
  void ensureFree(int n) {
    long needed = (long) size + n;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("A message cannot exceed 2 GiB in memory.");
      }
      long grown = Math.max(needed, Math.min((long) bytes.length * 2, Integer.MAX_VALUE - 8));
      bytes = Arrays.copyOf(bytes, (int) grown);
    }
  }

  /** @return how many bytes fit without growing */
  int free() {
    return bytes.length - size;
  }

  /** Appends all of {@code src}, moving its position to its limit. */
  void append(ByteBuffer src) {
    int n = src.remaining();
    ensureFree(n);
    src.get(bytes, size, n);
    size += n;
  }

  /** Records that {@code n} bytes were written straight into {@link #array()} at {@link #size()}. */
  void advance(int n) {
    size += n;
  }

  /** @return the bytes as a buffer the caller owns (the array is not used again) */
  ByteBuffer toBuffer() {
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, size);
    bytes = null;
    return b;
  }
}
