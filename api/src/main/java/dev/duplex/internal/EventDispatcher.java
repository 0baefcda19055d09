package dev.duplex.internal;

import dev.duplex.Event;
import dev.duplex.EventTarget;

/**
 * Dispatches one event at a target: marks it (trusted or not, target, current target), calls
 * the listeners of its type in order, and logs, rather than propagates, what a listener throws,
 * so that a faulty handler never breaks the socket or the event loop.
 *
 * <p>Threading: called on the socket's event loop (trusted events) or the application's thread
 * ({@code dispatchEvent}).
 */
final class EventDispatcher {
  private static final System.Logger LOG = System.getLogger("dev.duplex");

  private EventDispatcher() {}

  static void dispatch(EventTarget target, ListenerList listeners, Event event, boolean trusted) {
    ApiBridge.Access access = ApiBridge.get();
    access.beginDispatch(event, target, trusted);
    try {
      // The snapshot never changes: listeners added now wait for the next event.
      String type = event.type();
      for (ListenerList.Entry entry : listeners.snapshot()) {
        if (entry.removed || !entry.type.equals(type)) {
          continue;
        }
        try {
          entry.invoke(event);
        } catch (RuntimeException | Error e) {
          if (e instanceof VirtualMachineError) {
            throw e;
          }
          LOG.log(System.Logger.Level.ERROR, "A listener for the \"" + event.type()
              + "\" event of " + target + " threw; the socket and the event loop carry on.", e);
        }
      }
    } finally {
      access.endDispatch(event);
    }
  }
}
