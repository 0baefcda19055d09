package dev.duplex.spi;

import java.net.URI;

/**
 * Hears why connections failed. The W3C API deliberately hides the cause from the application
 * (every failure is close code 1006, so a script cannot probe a network); operators get it here.
 *
 * <p>Default: {@link #logging()}, which logs through {@link System.Logger} {@code dev.duplex}.
 * Threading: called from transport or event-loop threads; must be thread-safe and quick.
 */
@FunctionalInterface
public interface FailureObserver {

  /**
   * @param url the socket's URL
   * @param cause what went wrong
   */
  void connectionFailed(URI url, Throwable cause);

  /**
   * Logs each failure at {@code INFO} with its message, and the stack trace at {@code DEBUG}.
   *
   * @return the default observer
   */
  static FailureObserver logging() {
    System.Logger log = System.getLogger("dev.duplex");
    return (url, cause) -> {
      if (log.isLoggable(System.Logger.Level.DEBUG)) {
        log.log(System.Logger.Level.DEBUG, "WebSocket connection to " + url + " failed", cause);
      } else {
        log.log(System.Logger.Level.INFO, "WebSocket connection to {0} failed: {1}", url, cause);
      }
    };
  }
}
