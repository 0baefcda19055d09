package dev.duplex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the events of a socket as short strings ("open", "message:hi", "error",
 * "close:1006:false:") and the events themselves, in dispatch order.
 *
 * <p>Threading: events are recorded on the event loop and read by the test thread.
 */
final class Recorder {
  final BlockingQueue<String> log = new LinkedBlockingQueue<>();
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  /** Registers the four handlers on {@code ws}. */
  Recorder attach(WebSocket ws) {
    ws.onopen(this::record);
    ws.onmessage(this::record);
    ws.onerror(this::record);
    ws.onclose(this::record);
    return this;
  }

  void record(Event e) {
    events.add(e);
    log.add(describe(e));
  }

  static String describe(Event e) {
    if (e instanceof MessageEvent) {
      Object d = ((MessageEvent) e).data();
      if (d instanceof String) {
        return "message:" + d;
      }
      if (d instanceof Blob) {
        return "message:blob:" + new String(((Blob) d).bytes(), StandardCharsets.UTF_8);
      }
      ByteBuffer b = ((ByteBuffer) d).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return "message:buffer:" + new String(bytes, StandardCharsets.UTF_8);
    }
    if (e instanceof CloseEvent) {
      CloseEvent c = (CloseEvent) e;
      return "close:" + c.code() + ":" + c.wasClean() + ":" + c.reason();
    }
    return e.type();
  }

  /** @return the next event's description, waiting up to 10 s */
  String next() throws InterruptedException {
    String s = log.poll(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("No event was dispatched within "
          + ScriptedTransport.WAIT_SECONDS + " s.");
    }
    return s;
  }

  Event nextEvent() throws InterruptedException {
    Event e = events.poll(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("No event was dispatched.");
    }
    return e;
  }
}
