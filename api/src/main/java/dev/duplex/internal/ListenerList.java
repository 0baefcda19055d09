package dev.duplex.internal;

import dev.duplex.Event;
import dev.duplex.EventHandler;
import dev.duplex.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event listener list of one {@link dev.duplex.EventTarget} (DOM "event listener list"),
 * including the event handler IDL attributes: setting a handler from null adds it at the end of
 * its type's list, replacing it keeps its place, and setting null removes it.
 *
 * <p>Threading: thread-safe. Dispatch iterates a snapshot (copy-on-write), so adding or removing
 * during dispatch never disturbs it; a removed entry is flagged and skipped if not yet called.
 */
final class ListenerList {
  private final Map<String, CopyOnWriteArrayList<Entry>> byType = new ConcurrentHashMap<>();
  private final Map<String, Entry> handlers = new ConcurrentHashMap<>();

  /**
   * One registration: a listener, or the slot of an event handler attribute. A handler is typed
   * ({@code onmessage} takes a {@code MessageEvent}), so it skips an application-dispatched event
   * of another class instead of failing with a ClassCastException.
   */
  static final class Entry {
    final EventListener listener;
    final Class<? extends Event> handlerEventClass;
    volatile EventHandler<? extends Event> handler;
    volatile boolean removed;

    Entry(EventListener listener, EventHandler<? extends Event> handler,
        Class<? extends Event> handlerEventClass) {
      this.listener = listener;
      this.handler = handler;
      this.handlerEventClass = handlerEventClass;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void invoke(Event event) {
      if (listener != null) {
        listener.handleEvent(event);
      } else {
        EventHandler h = handler;
        if (h != null && handlerEventClass.isInstance(event)) {
          h.handle(event);
        }
      }
    }
  }

  synchronized void add(String type, EventListener listener) {
    Objects.requireNonNull(type, "type");
    if (listener == null) {
      return;
    }
    List<Entry> list = byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
    for (Entry e : list) {
      if (e.listener == listener) {
        return;
      }
    }
    list.add(new Entry(listener, null, Event.class));
  }

  synchronized void remove(String type, EventListener listener) {
    Objects.requireNonNull(type, "type");
    List<Entry> list = byType.get(type);
    if (listener == null || list == null) {
      return;
    }
    for (Entry e : list) {
      if (e.listener == listener) {
        e.removed = true;
        list.remove(e);
        return;
      }
    }
  }

  synchronized <E extends Event> void setHandler(String type, EventHandler<E> handler,
      Class<E> eventClass) {
    Entry current = handlers.get(type);
    if (handler == null) {
      if (current != null) {
        handlers.remove(type);
        current.removed = true;
        byType.get(type).remove(current);
      }
    } else if (current != null) {
      current.handler = handler;
    } else {
      Entry e = new Entry(null, handler, eventClass);
      handlers.put(type, e);
      byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(e);
    }
  }

  EventHandler<? extends Event> handler(String type) {
    Entry e = handlers.get(type);
    return e == null ? null : e.handler;
  }

  /** @return the entries of {@code type} as they are now (an immutable snapshot) */
  List<Entry> snapshot(String type) {
    List<Entry> list = byType.get(type);
    return list == null ? List.of() : list;
  }

  boolean has(String type) {
    List<Entry> list = byType.get(type);
    return list != null && !list.isEmpty();
  }
}
