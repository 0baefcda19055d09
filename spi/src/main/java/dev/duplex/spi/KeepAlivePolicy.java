package dev.duplex.spi;

import java.time.Duration;

/**
 * Keep-alive pings, which W3C section 6 allows a user agent to send: every {@link #pingInterval()}
 * of silence the transport sends a ping, and if no pong arrives within {@link #pongTimeout()} the
 * connection fails (close code 1006).
 *
 * <p>Default: {@link #disabled()}. Threading: must be thread-safe.
 */
public interface KeepAlivePolicy {

  /** @return the interval, {@link Duration#ZERO} for no pings */
  Duration pingInterval();

  /** @return how long to wait for a pong */
  Duration pongTimeout();

  /**
   * @param interval ping interval, positive
   * @param timeout pong timeout, positive
   * @return a policy sending pings
   */
  static KeepAlivePolicy every(Duration interval, Duration timeout) {
    if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("interval and timeout must be positive");
    }
    return new KeepAlivePolicy() {
      @Override
      public Duration pingInterval() {
        return interval;
      }

      @Override
      public Duration pongTimeout() {
        return timeout;
      }
    };
  }

  /** @return no keep-alive pings (the default) */
  static KeepAlivePolicy disabled() {
    return new KeepAlivePolicy() {
      @Override
      public Duration pingInterval() {
        return Duration.ZERO;
      }

      @Override
      public Duration pongTimeout() {
        return Duration.ofSeconds(10);
      }
    };
  }
}
