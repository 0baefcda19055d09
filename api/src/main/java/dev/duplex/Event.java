package dev.duplex;

import dev.duplex.internal.ApiBridge;

/**
 * An event (DOM {@code Event}): it does not bubble, is not cancelable and has no default action.
 *
 * <p>Events that a {@link WebSocket} fires are <em>trusted</em> ({@link #isTrusted()} true);
 * events an application creates and passes to {@link EventTarget#dispatchEvent} are not.
 * {@link #target()} and {@link #currentTarget()} are set while the event is dispatched.
 *
 * <p>Threading: an event is created and dispatched on one thread (a socket's event loop, or the
 * caller of {@code dispatchEvent}); its getters may be read from any thread afterwards.
 */
public class Event {
  static {
    ApiBridge.register(new ApiAccessImpl());
  }

  private final String type;
  private final long timeStamp;
  private volatile EventTarget target;
  private volatile EventTarget currentTarget;
  private volatile boolean trusted;
  private volatile boolean dispatching;

  /**
   * Creates an untrusted event.
   *
   * @param type the event type, for example {@code "open"}
   * @throws NullPointerException if {@code type} is null
   */
  public Event(String type) {
    if (type == null) {
      throw new NullPointerException("type");
    }
    this.type = type;
    this.timeStamp = System.currentTimeMillis();
  }

  /** @return the event type, for example {@code "message"} */
  public String type() {
    return type;
  }

  /** @return the object the event was dispatched at; null before it was dispatched */
  public EventTarget target() {
    return target;
  }

  /** @return the object whose listeners are being called; null outside dispatch */
  public EventTarget currentTarget() {
    return currentTarget;
  }

  /** @return true if the WebSocket fired this event, false if the application created it */
  public boolean isTrusted() {
    return trusted;
  }

  /** @return when the event was created, in milliseconds since the epoch */
  public long timeStamp() {
    return timeStamp;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[type=" + type + "]";
  }

  void beginDispatch(EventTarget target, boolean trusted) {
    synchronized (this) {
      if (dispatching) {
        throw new InvalidStateError("The event is already being dispatched.");
      }
      dispatching = true;
    }
    this.trusted = trusted;
    this.target = target;
    this.currentTarget = target;
  }

  void endDispatch() {
    currentTarget = null;
    dispatching = false;
  }
}
