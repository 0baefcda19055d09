package dev.duplex;

/**
 * An object that events are dispatched at (DOM {@code EventTarget}).
 *
 * <p>Listeners of one type run in the order they were added. Adding the same listener twice
 * for one type registers it once. A listener removed while an event is being dispatched is not
 * called for that event if it has not run yet.
 *
 * <p>Threading: every method may be called from any thread.
 */
public interface EventTarget {

  /**
   * Appends {@code listener} to the listeners of {@code type}, unless it is already there.
   *
   * @param type the event type, for example {@code "message"}; compared case-sensitively
   * @param listener the listener; {@code null} is ignored, as in the DOM
   * @throws NullPointerException if {@code type} is null
   */
  void addEventListener(String type, EventListener listener);

  /**
   * Removes {@code listener} from the listeners of {@code type}; does nothing if it is not there.
   *
   * @param type the event type
   * @param listener the listener; {@code null} is ignored
   * @throws NullPointerException if {@code type} is null
   */
  void removeEventListener(String type, EventListener listener);

  /**
   * Dispatches an application-created (untrusted, {@link Event#isTrusted()} false) event at this
   * target synchronously, on the calling thread, to the listeners and the event handler of its
   * type.
   *
   * @param event the event
   * @return true (Duplex events are never cancelable, so the default is never prevented)
   * @throws InvalidStateError if {@code event} is being dispatched right now
   * @throws NullPointerException if {@code event} is null
   */
  boolean dispatchEvent(Event event);
}
