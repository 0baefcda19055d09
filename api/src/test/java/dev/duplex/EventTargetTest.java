package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** W3C section 4's event handlers and the DOM EventTarget the socket implements. */
class EventTargetTest {

  @Test
  void eventTarget_sameListenerAddedTwiceRunsOnce() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      List<String> calls = new CopyOnWriteArrayList<>();
      EventListener l = e -> calls.add(e.type());
      o.ws.addEventListener("ping", l);
      o.ws.addEventListener("ping", l);
      assertTrue(o.ws.dispatchEvent(new Event("ping")));
      assertEquals(List.of("ping"), calls);
      o.ws.removeEventListener("ping", l);
      o.ws.dispatchEvent(new Event("ping"));
      assertEquals(List.of("ping"), calls);
    }
  }

  @Test
  void eventTarget_dispatchEventIsUntrustedAndSetsTargets() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      List<Object> seen = new CopyOnWriteArrayList<>();
      o.ws.addEventListener("custom", e -> {
        seen.add(e.isTrusted());
        seen.add(e.target());
        seen.add(e.currentTarget());
      });
      Event event = new Event("custom");
      o.ws.dispatchEvent(event);
      assertEquals(List.of(false, o.ws, o.ws), seen);
      assertSame(o.ws, event.target());
      assertNull(event.currentTarget(), "currentTarget is cleared after dispatch");
    }
  }

  @Test
  void eventTarget_redispatchingAnEventBeingDispatchedThrowsInvalidStateError() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      List<Class<?>> thrown = new CopyOnWriteArrayList<>();
      o.ws.addEventListener("x", e -> {
        try {
          o.ws.dispatchEvent(e);
        } catch (InvalidStateError expected) {
          thrown.add(expected.getClass());
        }
      });
      o.ws.dispatchEvent(new Event("x"));
      assertEquals(List.of(InvalidStateError.class), thrown);
    }
  }

  @Test
  void section4_eventHandlers_runInTheOrderFirstSetAmongListeners() throws Exception {
    try (Harness h = new Harness()) {
      WebSocket ws = h.context.open("ws://example.com/");
      Harness.Opened o = new Harness.Opened(ws, null, h.transport.next());
      List<String> calls = new CopyOnWriteArrayList<>();
      o.ws.addEventListener("open", e -> calls.add("listener1"));
      o.ws.onopen(e -> calls.add("handlerA"));
      o.ws.addEventListener("open", e -> calls.add("listener2"));
      o.ws.onopen(e -> calls.add("handlerB"));    // replaces A, keeps its place
      o.ws.dispatchEvent(new Event("open"));
      assertEquals(List.of("listener1", "handlerB", "listener2"), calls);
      calls.clear();
      o.ws.onopen(null);                           // removes it
      assertNull(o.ws.onopen());
      o.ws.onopen(e -> calls.add("handlerC"));    // back at the end
      o.ws.dispatchEvent(new Event("open"));
      assertEquals(List.of("listener1", "listener2", "handlerC"), calls);
    }
  }

  @Test
  void section4_eventHandlers_gettersReturnWhatWasSet() throws Exception {
    try (Harness h = new Harness()) {
      WebSocket ws = h.open("ws://example.com/").ws;
      EventHandler<Event> open = e -> { };
      EventHandler<Event> error = e -> { };
      EventHandler<CloseEvent> close = e -> { };
      EventHandler<MessageEvent> message = e -> { };
      ws.onopen(open);
      ws.onerror(error);
      ws.onclose(close);
      ws.onmessage(message);
      assertSame(open, ws.onopen());
      assertSame(error, ws.onerror());
      assertSame(close, ws.onclose());
      assertSame(message, ws.onmessage());
    }
  }

  @Test
  void eventHandlers_typedHandlerSkipsAnUntrustedEventOfAnotherClass() throws Exception {
    try (Harness h = new Harness()) {
      WebSocket ws = h.context.open("ws://example.com/");
      List<String> calls = new CopyOnWriteArrayList<>();
      ws.onmessage(e -> calls.add("handler " + e.data()));
      ws.addEventListener("message", e -> calls.add("listener " + e.getClass().getSimpleName()));
      ws.dispatchEvent(new Event("message"));
      ws.dispatchEvent(new MessageEvent("message", "hi", "ws://example.com"));
      assertEquals(List.of("listener Event", "handler hi", "listener MessageEvent"), calls);
    }
  }

  @Test
  void eventTarget_listenerRemovedDuringDispatchIsNotCalled() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      List<String> calls = new CopyOnWriteArrayList<>();
      EventListener second = e -> calls.add("second");
      o.ws.addEventListener("x", e -> {
        calls.add("first");
        o.ws.removeEventListener("x", second);
        o.ws.addEventListener("x", e2 -> calls.add("added during dispatch"));
      });
      o.ws.addEventListener("x", second);
      o.ws.dispatchEvent(new Event("x"));
      assertEquals(List.of("first"), calls);
    }
  }

  @Test
  void eventHandlers_exceptionIsLoggedAndTheSocketAndLoopCarryOn() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      List<String> calls = new CopyOnWriteArrayList<>();
      o.ws.addEventListener("message", e -> {
        throw new IllegalStateException("handler bug (expected by the test)");
      });
      o.ws.addEventListener("message", e -> calls.add(((MessageEvent) e).text()));
      o.conn.open().text("one").text("two");
      assertEquals("open", o.recorder.next());
      assertEquals("message:one", o.recorder.next());
      assertEquals("message:two", o.recorder.next());
      h.idle();
      assertEquals(List.of("one", "two"), calls);
      assertEquals(WebSocket.OPEN, o.ws.readyState());
      assertFalse(o.conn.aborted());
      o.ws.send("still works");
      assertEquals(List.of("still works"), o.conn.sent);
    }
  }

  @Test
  void events_closeEventInitDefaults() {
    CloseEvent e = new CloseEvent("close");
    assertFalse(e.wasClean());
    assertEquals(0, e.code());
    assertEquals("", e.reason());
    assertFalse(e.isTrusted());
    CloseEvent f = new CloseEvent("close", new CloseEventInit().wasClean(true).code(4000).reason("r"));
    assertTrue(f.wasClean());
    assertEquals(4000, f.code());
    assertEquals("r", f.reason());
    assertThrows(IllegalArgumentException.class, () -> new CloseEventInit().code(65536));
  }

  @Test
  void events_binaryTypeStrings() {
    assertEquals("blob", BinaryType.BLOB.value());
    assertEquals(BinaryType.ARRAYBUFFER, BinaryType.of("arraybuffer"));
    assertThrows(IllegalArgumentException.class, () -> BinaryType.of("Blob"));
  }
}
