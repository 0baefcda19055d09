package dev.duplex.spi;

/**
 * How many bytes may wait to be transmitted on one socket. W3C {@code send()}: "If the data
 * cannot be sent, e.g. because it would need to be buffered but the buffer is full, the user agent
 * must close the WebSocket connection with prejudice." A {@code send} that would take the
 * socket's untransmitted bytes past the limit closes it with prejudice (error, then close 1006).
 *
 * <p>Default: {@link #DEFAULT_LIMIT} (64 MiB). Threading: implementations must be thread-safe.
 */
@FunctionalInterface
public interface BufferLimitPolicy {
  /** The default limit, 64 MiB. */
  long DEFAULT_LIMIT = 64L << 20;

  /** @return the largest number of untransmitted bytes a socket may hold */
  long maxBufferedBytes();

  /** @param bytes the limit @return a policy with that limit */
  static BufferLimitPolicy of(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("buffer limit must be positive: " + bytes);
    }
    return () -> bytes;
  }

  /** @return the default policy */
  static BufferLimitPolicy defaults() {
    return of(DEFAULT_LIMIT);
  }
}
