package dev.duplex.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
 * <p>Threading: {@link #reportTransmitted} and {@link #hasReported} on any thread (transport
 * threads report); {@link #get()} and {@link #inFlight()} read from any thread; every other
 * method only while holding the engine's lock, which makes them plain writes rather than atomic
 * operations (the send path takes that lock anyway).
 */
final class BufferedAmount {
  private static final VarHandle REPORTED;

  static {
    try {
      REPORTED = MethodHandles.lookup().findVarHandle(BufferedAmount.class, "reported", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Written under the engine's lock; volatile for readers that do not hold it. */
  private volatile long amount;
  /** Written under the engine's lock; volatile for readers that do not hold it. */
  private volatile long inFlight;
  /** Added to by transport threads, taken by the loop: the one atomic counter. */
  private volatile long reported;

  long get() {
    return amount;
  }

  long inFlight() {
    return inFlight;
  }

  /** {@code send} was called with {@code bytes} of application data; under the lock. */
  void queued(long bytes) {
    amount = amount + bytes;
  }

  /**
   * Reserves room for {@code bytes} about to be handed to the transport; under the lock. The
   * limit counts only bytes the transport has not yet written: bytes it has reported as
   * transmitted make room at once, although {@code bufferedAmount} falls only when the event loop
   * applies them (a loop busy with a stream of messages may apply them late, and must not close a
   * socket whose transport is keeping up).
   *
   * @return the bytes in flight before, or -1 (nothing reserved) if the limit would be passed
   */
  long reserve(long bytes, long limit) {
    long before = inFlight;
    long unwritten = before - reported;
    if (unwritten + bytes > limit || before + bytes < 0) {
      return -1;
    }
    inFlight = before + bytes;
    return before;
  }

  /** The transport wrote {@code bytes}; applied by the next {@link #applyTransmitted()}. */
  void reportTransmitted(long bytes) {
    REPORTED.getAndAdd(this, bytes);
  }

  boolean hasReported() {
    return reported != 0;
  }

  /**
   * Applies what was reported; under the lock.
   *
   * @return true if the bytes in flight fell to zero
   */
  boolean applyTransmitted() {
    long n = (long) REPORTED.getAndSet(this, 0L);
    if (n == 0) {
      return false;
    }
    amount = amount - n;
    long left = inFlight - n;
    inFlight = left;
    return left <= 0;
  }
}
