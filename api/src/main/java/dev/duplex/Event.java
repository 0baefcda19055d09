package dev.duplex;

import dev.duplex.internal.ApiBridge;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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

  private static final VarHandle DISPATCHING;
  private static final VarHandle TRUSTED;
  private static final VarHandle TARGET;
  private static final VarHandle CURRENT_TARGET;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      DISPATCHING = l.findVarHandle(Event.class, "dispatching", boolean.class);
      TRUSTED = l.findVarHandle(Event.class, "trusted", boolean.class);
      TARGET = l.findVarHandle(Event.class, "target", EventTarget.class);
      CURRENT_TARGET = l.findVarHandle(Event.class, "currentTarget", EventTarget.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
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
    if (trusted) {
      // The engine made this event for this one dispatch and has shared it with nobody.
      DISPATCHING.setRelease(this, true);
    } else if (!DISPATCHING.compareAndSet(this, false, true)) {
      throw new InvalidStateError("The event is already being dispatched.");
    }
    // Release stores: as visible as the volatile writes they replace to any thread that reads
    // the fields, without a full fence each (one dispatch per message).
    TRUSTED.setRelease(this, trusted);
    TARGET.setRelease(this, target);
    CURRENT_TARGET.setRelease(this, target);
  }

  void endDispatch() {
    CURRENT_TARGET.setRelease(this, (EventTarget) null);
    DISPATCHING.setRelease(this, false);
  }
}
