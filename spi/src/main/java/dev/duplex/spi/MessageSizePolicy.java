package dev.duplex.spi;

/**
 * The largest message a socket accepts from the server; a larger one fails the connection
 * (RFC 6455 7.4.1 code 1009 on the wire, close code 1006 in the W3C API), so a hostile server
 * cannot exhaust memory.
 *
 * <p>Default: {@link #DEFAULT_MAX_MESSAGE_SIZE} (64 MiB). Threading: must be thread-safe.
 */
@FunctionalInterface
public interface MessageSizePolicy {
  /** The default maximum, 64 MiB. */
  long DEFAULT_MAX_MESSAGE_SIZE = 64L << 20;

  /** @return the maximum message size in bytes, after decompression */
  long maxMessageSize();

  /** @param bytes the limit @return a policy with that limit */
  static MessageSizePolicy of(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("max message size must be positive: " + bytes);
    }
    return () -> bytes;
  }

  /** @return the default policy */
  static MessageSizePolicy defaults() {
    return of(DEFAULT_MAX_MESSAGE_SIZE);
  }
}
