package dev.duplex;

/**
 * An event handler IDL attribute's value ({@code onopen}, {@code onmessage}, {@code onerror},
 * {@code onclose}): a callback for one event type, typed by the event it receives.
 *
 * <p>Threading: called on the socket's event loop for the events the socket fires, one at a
 * time; on the calling thread for {@link EventTarget#dispatchEvent}.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {
  /**
   * Handles one event. An exception thrown here is logged through {@link System.Logger}
   * {@code dev.duplex}; it never closes the socket and never stops the event loop.
   *
   * @param event the event being dispatched
   */
  void handle(E event);
}
