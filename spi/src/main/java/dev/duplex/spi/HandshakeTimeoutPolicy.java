package dev.duplex.spi;

import java.time.Duration;

/**
 * How long the opening handshake (name resolution, TCP, TLS, proxy, HTTP upgrade) may take before
 * the connection fails.
 *
 * <p>Default: {@link #DEFAULT_TIMEOUT} (30 s). Threading: must be thread-safe.
 */
@FunctionalInterface
public interface HandshakeTimeoutPolicy {
  /** The default timeout, 30 seconds. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** @return the timeout, positive */
  Duration handshakeTimeout();

  /** @param timeout the timeout @return a policy with it */
  static HandshakeTimeoutPolicy of(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
    }
    return () -> timeout;
  }

  /** @return the default policy */
  static HandshakeTimeoutPolicy defaults() {
    return of(DEFAULT_TIMEOUT);
  }
}
