package dev.duplex.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte counts behind {@code bufferedAmount} and the send buffer limit of one socket.
 *
 * <ul>
 *   <li>{@link #get()}: the {@code bufferedAmount} attribute. Rises with every {@code send} that
 *       does not throw (also after CLOSING, when nothing is sent) and falls only when the event
 *       loop applies what the transport reported as transmitted.
 *   <li>{@link #inFlight()}: bytes handed to the transport and not yet applied as transmitted;
 *       the buffer limit and the garbage-collection rule ("data queued") look at this.
 * </ul>
 *
 * <p>Threading: thread-safe. {@link #reportTransmitted} is called on transport threads,
 * {@link #applyTransmitted} on the event loop, the others on any thread.
 */
final class BufferedAmount {
  private final AtomicLong amount = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong reported = new AtomicLong();

  long get() {
    return amount.get();
  }

  long inFlight() {
    return inFlight.get();
  }

  /** {@code send} was called with {@code bytes} of application data. */
  void queued(long bytes) {
    amount.addAndGet(bytes);
  }

  /**
   * Reserves room for {@code bytes} about to be handed to the transport. The limit counts only
   * bytes the transport has not yet written: bytes it has reported as transmitted make room at
   * once, although {@code bufferedAmount} falls only when the event loop applies them (a loop
   * busy with a stream of messages may apply them late, and must not close a socket whose
   * transport is keeping up).
   *
   * @return the bytes in flight before, or -1 (nothing reserved) if the limit would be passed
   */
  long reserve(long bytes, long limit) {
    while (true) {
      long before = inFlight.get();
      long unwritten = before - reported.get();
      if (unwritten + bytes > limit || before + bytes < 0) {
        return -1;
      }
      if (inFlight.compareAndSet(before, before + bytes)) {
        return before;
      }
    }
  }

  /** The transport wrote {@code bytes}; applied by the next {@link #applyTransmitted()}. */
  void reportTransmitted(long bytes) {
    reported.addAndGet(bytes);
  }

  boolean hasReported() {
    return reported.get() != 0;
  }

  /** @return true if the bytes in flight fell to zero */
  boolean applyTransmitted() {
    long n = reported.getAndSet(0);
    if (n == 0) {
      return false;
    }
    amount.addAndGet(-n);
    return inFlight.addAndGet(-n) <= 0;
  }
}
