package dev.duplex.internal;

import dev.duplex.Event;
import dev.duplex.EventHandler;
import dev.duplex.EventListener;
import java.util.Arrays;
import java.util.Objects;

/**
 * The event listener list of one {@link dev.duplex.EventTarget} (DOM "event listener list"),
 * including the event handler IDL attributes: setting a handler from null adds it at the end of
 * its type's list, replacing it keeps its place, and setting null removes it.
 *
 * <p>All types share one copy-on-write array of entries in the order they were added (a socket
 * has a handful), so an idle socket pays for one small array and its entries, not for a map and a
 * list per type.
 *
 * <p>Threading: thread-safe. Changes are serialized; dispatch iterates the array of the moment
 * (it is never changed in place), so adding or removing during dispatch never disturbs it; a
 * removed entry is flagged and skipped if not yet called.
 */
final class ListenerList {
  private static final Entry[] NONE = new Entry[0];
  private volatile Entry[] entries = NONE;

  /**
   * One registration: a listener, or the slot of an event handler attribute. A handler is typed
   * ({@code onmessage} takes a {@code MessageEvent}), so it skips an application-dispatched event
   * of another class instead of failing with a ClassCastException.
   */
  static final class Entry {
    final String type;
    final EventListener listener;
    final Class<? extends Event> handlerEventClass;
    volatile EventHandler<? extends Event> handler;
    volatile boolean removed;

    Entry(String type, EventListener listener, EventHandler<? extends Event> handler,
        Class<? extends Event> handlerEventClass) {
      this.type = type;
      this.listener = listener;
      this.handler = handler;
      this.handlerEventClass = handlerEventClass;
    }

    boolean isHandlerOf(String t) {
      return listener == null && type.equals(t);
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
    for (Entry e : entries) {
      if (e.listener == listener && e.type.equals(type)) {
        return;
      }
    }
    append(new Entry(type, listener, null, Event.class));
  }

  synchronized void remove(String type, EventListener listener) {
    Objects.requireNonNull(type, "type");
    if (listener == null) {
      return;
    }
    for (Entry e : entries) {
      if (e.listener == listener && e.type.equals(type)) {
        drop(e);
        return;
      }
    }
  }

  synchronized <E extends Event> void setHandler(String type, EventHandler<E> handler,
      Class<E> eventClass) {
    Entry current = handlerEntry(type);
    if (handler == null) {
      if (current != null) {
        drop(current);
      }
    } else if (current != null) {
      current.handler = handler;
    } else {
      append(new Entry(type, null, handler, eventClass));
    }
  }

  private void append(Entry e) {
    Entry[] now = entries;
    Entry[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = e;
    entries = next;
  }

  private void drop(Entry e) {
    e.removed = true;
    Entry[] now = entries;
    Entry[] next = new Entry[now.length - 1];
    int j = 0;
    for (Entry x : now) {
      if (x != e) {
        next[j++] = x;
      }
    }
    entries = next;
  }

  private Entry handlerEntry(String type) {
    for (Entry e : entries) {
      if (e.isHandlerOf(type)) {
        return e;
      }
    }
    return null;
  }

  EventHandler<? extends Event> handler(String type) {
    Entry e = handlerEntry(type);
    return e == null ? null : e.handler;
  }

  /**
   * @return every entry as it is now, in the order added, all types together (never changed
   *     afterwards; filter by {@link Entry#type})
   */
  Entry[] snapshot() {
    return entries;
  }

  boolean has(String type) {
    for (Entry e : entries) {
      if (e.type.equals(type)) {
        return true;
      }
    }
    return false;
  }
}
