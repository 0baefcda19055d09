package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers of one size for network I/O, recycled so that a connection holds a buffer only
 * while it has bytes in flight (an idle connection holds none). One pool per selector thread, so
 * it needs no locks.
 *
 * <p>Threading: not thread-safe; confined to its selector thread.
 */
final class BufferPool {
  /** Large enough for a TLS record (about 16.7 KiB) and many small frames. */
  static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_POOLED = 32;

  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
  /** The read buffer is per thread, not per connection, so it can be large: fewer reads per MiB. */
  static final int READ_BUFFER_SIZE = 256 * 1024;

  /** Shared by every read on this thread: each read is parsed completely before the next. */
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);

  /** Heap arrays for masking through. */
  private final MaskScratch maskScratch = new MaskScratch(BUFFER_SIZE);

  /** @return the thread's masking scratch, for use within one call on this thread */
  MaskScratch maskScratch() {
    return maskScratch;
  }

  /** @return the thread's read buffer, cleared; valid until the next call */
  ByteBuffer readBuffer() {
    return readBuffer.clear();
  }

  /** @return an empty buffer, to be given back with {@link #release} */
  ByteBuffer acquire() {
    ByteBuffer b = free.pollFirst();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(BUFFER_SIZE);
  }

  /** Takes back a buffer from {@link #acquire}; null and any other buffer are ignored. */
  void release(ByteBuffer buffer) {
    if (buffer != null && buffer.isDirect() && buffer.capacity() == BUFFER_SIZE
        && free.size() < MAX_POOLED) {
      free.addFirst(buffer);
    }
  }
}
