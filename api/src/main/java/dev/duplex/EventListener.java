package dev.duplex;

/**
 * A callback registered with {@link EventTarget#addEventListener} (DOM {@code EventListener}).
 *
 * <p>Threading: called on the socket's event loop for the events the socket fires, one at a
 * time; on the calling thread for {@link EventTarget#dispatchEvent}.
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Handles one event. An exception thrown here is logged through {@link System.Logger}
   * {@code dev.duplex}; it never closes the socket and never stops the event loop.
   *
   * @param event the event being dispatched
   */
  void handleEvent(Event event);
}
