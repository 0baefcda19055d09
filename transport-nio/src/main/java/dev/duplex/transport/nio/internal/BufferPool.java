package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers for network I/O, recycled so that a connection holds a buffer only while it has
 * bytes in flight (an idle connection holds none): {@link #BUFFER_SIZE} ones for most writes and
 * TLS, and a few {@link #LARGE_BUFFER_SIZE} ones for writing large frames in fewer system calls.
 * One pool per selector thread, so it needs no locks.
 *
 * <p>Threading: not thread-safe; confined to its selector thread.
 */
final class BufferPool {
  /** Large enough for a TLS record (about 16.7 KiB) and many small frames. */
  static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_POOLED = 32;
  /**
   * For writing a frame of at least {@link #BUFFER_SIZE}, in fewer system calls. Measured with
   * the bench's 1 MiB echo in turns with raw TCP through the spi, three alternating runs each:
   * 64 KiB writes and 256 KiB reads x0.67-0.79 of raw TCP; 256 KiB writes x0.73-0.94; 256 KiB
   * writes and 1 MiB reads x0.83-0.98.
   */
  static final int LARGE_BUFFER_SIZE = 256 * 1024;
  private static final int MAX_POOLED_LARGE = 4;

  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
  private final ArrayDeque<ByteBuffer> freeLarge = new ArrayDeque<>();
  /**
   * The read buffer is per thread, not per connection, so it can be large: fewer reads per MiB
   * (see {@link #LARGE_BUFFER_SIZE} for what that is worth).
   */
  static final int READ_BUFFER_SIZE = 1024 * 1024;

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

  /** @return an empty {@link #LARGE_BUFFER_SIZE} buffer, to be given back with {@link #release} */
  ByteBuffer acquireLarge() {
    ByteBuffer b = freeLarge.pollFirst();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(LARGE_BUFFER_SIZE);
  }

  /**
   * Takes back a buffer from {@link #acquire} or {@link #acquireLarge}; null and any other buffer
   * are ignored.
   */
  void release(ByteBuffer buffer) {
    if (buffer == null || !buffer.isDirect()) {
      return;
    }
    if (buffer.capacity() == BUFFER_SIZE && free.size() < MAX_POOLED) {
      free.addFirst(buffer);
    } else if (buffer.capacity() == LARGE_BUFFER_SIZE && freeLarge.size() < MAX_POOLED_LARGE) {
      freeLarge.addFirst(buffer);
    }
  }
}
