package dev.duplex.transport.nio.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The frames waiting to be written: the application's messages and Close (queued from any
 * thread, written in call order) and the transport's own control frames (pongs, pings, the
 * reply to a Close), which go out first at the next frame boundary. Frames are copied, masked,
 * into one pooled buffer as space allows (a large one while a large frame is being written); the
 * buffer is held only while bytes are pending.
 *
 * <p>Threading: {@link #add} from any thread; everything else on the selector thread.
 */
final class OutboundQueue {
  /** Decides, on the selector thread, what to do with each frame as it comes up. */
  interface Gate {
    /** @return whether {@code frame} may be written now; false drops it */
    boolean admit(OutboundFrame frame);

    /** {@code frame} has been copied completely into the output buffer. */
    void written(OutboundFrame frame);
  }

  private final ConcurrentLinkedQueue<OutboundFrame> queued = new ConcurrentLinkedQueue<>();
  private ArrayDeque<OutboundFrame> urgent;
  private OutboundFrame current;
  /** The most bytes left over after a write that are moved out of the pooled buffer. */
  static final int MAX_REMAINDER = 16 * 1024;

  private ByteBuffer buffer;
  private long copiedAppBytes;

  /** Queues an application frame; any thread. */
  void add(OutboundFrame frame) {
    queued.add(frame);
  }

  /**
   * Queues a transport control frame ahead of waiting application frames; selector thread. A
   * pong replaces any pong still waiting (RFC 6455 5.5.3 allows answering only the most recent
   * ping), so a server that floods pings while not reading cannot grow this queue without bound.
   */
  void addUrgent(OutboundFrame frame) {
    if (urgent == null) {
      urgent = new ArrayDeque<>(2);
    }
    if (frame.isPong()) {
      urgent.removeIf(OutboundFrame::isPong);
    }
    urgent.add(frame);
  }

  /** Drops every frame not yet begun. */
  void dropWaiting() {
    queued.clear();
    if (urgent != null) {
      urgent.clear();
    }
    if (current != null && current.notStarted()) {
      current = null;
    }
  }

  /** @return whether nothing is waiting or in flight; meaningful after {@link #written} */
  boolean isEmpty() {
    return current == null && queued.isEmpty() && (urgent == null || urgent.isEmpty())
        && (buffer == null || buffer.position() == 0);
  }

  /**
   * Copies waiting frames into the output buffer (taken from {@code pool} if needed) until it is
   * full or nothing waits.
   *
   * @return the buffer, flipped for writing; {@link #written} must follow
   */
  ByteBuffer fill(BufferPool pool, MaskKeys keys, MessageDeflater deflater, Gate gate) {
    if (buffer == null) {
      buffer = largeFrameNext() ? pool.acquireLarge() : pool.acquire();
    }
    // Only an empty buffer is refilled, so that every frame in it is reported once it drains.
    if (buffer.position() == 0) {
      while (true) {
        if (current == null) {
          current = next(gate);
          if (current == null) {
            break;
          }
          if (deflater != null) {
            current.compressWith(deflater);
          }
        }
        if (!current.writeTo(buffer, keys, pool.maskScratch())) {
          break;
        }
        copiedAppBytes += current.appBytes;
        OutboundFrame done = current;
        current = null;
        gate.written(done);
      }
    }
    return buffer.flip();
  }

  /** @return whether the frame to be written next has a pooled buffer's worth of bytes or more */
  private boolean largeFrameNext() {
    OutboundFrame head = current;
    if (head == null && (urgent == null || urgent.isEmpty())) {
      head = queued.peek();
    }
    return head != null && head.remaining() >= BufferPool.BUFFER_SIZE;
  }

  private OutboundFrame next(Gate gate) {
    while (true) {
      OutboundFrame f = urgent != null && !urgent.isEmpty() ? urgent.poll() : queued.poll();
      if (f == null || gate.admit(f)) {
        return f;
      }
    }
  }

  /**
   * After a write of the buffer from {@link #fill}: keeps what is left, or gives the buffer back
   * when it is empty and nothing waits.
   *
   * @return the application bytes now fully written, to report as transmitted (0 if the buffer
   *     is not yet empty)
   */
  long written(BufferPool pool) {
    buffer.compact();
    int pending = buffer.position();
    if (pending > 0) {
      if (buffer.isDirect() && pending <= MAX_REMAINDER) {
        // The peer is slow: keep only the bytes left, so that many stalled connections do not
        // each hold a pooled 64 KiB buffer.
        ByteBuffer rest = ByteBuffer.allocate(pending);
        rest.put(buffer.flip());
        pool.release(buffer);
        buffer = rest;
      }
      return 0;
    }
    long n = copiedAppBytes;
    copiedAppBytes = 0;
    if (current == null || !buffer.isDirect()) {
      pool.release(buffer);
      buffer = null;
    }
    return n;
  }

  /** Gives back the buffer; the queue is not used again. */
  void release(BufferPool pool) {
    pool.release(buffer);
    buffer = null;
    current = null;
    queued.clear();
  }
}
