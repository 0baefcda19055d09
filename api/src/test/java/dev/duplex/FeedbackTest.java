package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** W3C section 5, feedback from the protocol. */
class FeedbackTest {

  @Test
  void section5_open_setsReadyStateProtocolAndExtensionsBeforeTheOpenEvent() throws Exception {
    try (Harness h = new Harness()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      CountDownLatch opened = new CountDownLatch(1);
      h.context.open("ws://example.com/", List.of("v1", "v2"), ws -> ws.onopen(e -> {
        seen.add(ws.readyState() + "|" + ws.protocol() + "|" + ws.extensions());
        seen.add(String.valueOf(e.isTrusted()) + "|" + (e.target() == ws));
        opened.countDown();
      }));
      h.transport.next().open("v2", "permessage-deflate", Map.of());
      opened.await();
      assertEquals(List.of("1|v2|permessage-deflate", "true|true"), seen);
    }
  }

  @Test
  void section5_open_appliesSetCookieBeforeTheOpenEvent() throws Exception {
    CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    try (Harness h = new Harness(b -> b.cookieStore(() -> jar))) {
      List<String> atOpen = new CopyOnWriteArrayList<>();
      CountDownLatch opened = new CountDownLatch(1);
      h.context.open("ws://example.com/chat", List.of(), ws -> ws.onopen(e -> {
        atOpen.add(jar.getCookieStore().get(URI.create("http://example.com/chat")).toString());
        opened.countDown();
      }));
      h.transport.next().open("", "", Map.of("set-cookie", List.of("id=42; Path=/")));
      opened.await();
      assertEquals(List.of("[id=42]"), atOpen);
      // The next handshake to the same site carries the cookie.
      assertEquals(List.of(Map.entry("Cookie", "id=42")),
          h.open("ws://example.com/other").conn.request.headers());
    }
  }

  @Test
  void section5_message_textIsDispatchedWithTheUrlsOrigin() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("wss://Example.com:8443/x");
      o.conn.open().text("hello");
      assertEquals("open", o.recorder.nextEvent().type());
      MessageEvent m = (MessageEvent) o.recorder.nextEvent();
      assertEquals("hello", m.text());
      assertTrue(m.isText());
      assertEquals("wss://example.com:8443", m.origin());
      assertEquals("", m.lastEventId());
      assertTrue(m.isTrusted());
      assertThrows(IllegalStateException.class, m::blob);
    }
  }

  @Test
  void section5_message_binaryIsABlobByDefault() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      assertEquals(BinaryType.BLOB, o.ws.binaryType());
      o.conn.binary((byte) 'h', (byte) 'i');
      assertEquals("message:blob:hi", o.recorder.next());
    }
  }

  @Test
  void section5_message_arrayBufferIsReadOnly() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.ws.binaryType(BinaryType.ARRAYBUFFER);
      o.conn.binary((byte) 1, (byte) 2);
      o.recorder.nextEvent();
      MessageEvent m = (MessageEvent) o.recorder.nextEvent();
      ByteBuffer data = assertInstanceOf(ByteBuffer.class, m.data());
      assertTrue(data.isReadOnly());
      assertEquals(2, data.remaining());
      assertThrows(ReadOnlyBufferException.class, () -> data.put(0, (byte) 0));
      assertEquals(1, m.arrayBuffer().get());
      assertEquals(1, m.arrayBuffer().get(), "each view starts at the beginning");
    }
  }

  @Test
  void section5_message_binaryTypeIsDecidedAtDispatchTime() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      try (Harness.Hold hold = h.hold()) {
        o.conn.binary((byte) 'a');          // arrives while binaryType is BLOB
        o.ws.binaryType(BinaryType.ARRAYBUFFER);
      }
      assertEquals("message:buffer:a", o.recorder.next());
    }
  }

  @Test
  void section5_message_isDroppedUnlessOpenWhenTheTaskRuns() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      try (Harness.Hold hold = h.hold()) {
        o.conn.text("late");
        o.ws.close();
      }
      o.conn.closed(1000, "", true);
      assertEquals("close:1000:true:", o.recorder.next(), "the message was dropped");
    }
  }

  @Test
  void section5_closingHandshakeStarted_setsReadyStateClosing() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.conn.closing(1000, "server done");
      h.idle();
      assertEquals(WebSocket.CLOSING, o.ws.readyState());
      o.conn.text("after close frame");
      o.conn.closed(1000, "server done", true);
      assertEquals("close:1000:true:server done", o.recorder.next());
      assertEquals(WebSocket.CLOSED, o.ws.readyState());
    }
  }

  @Test
  void section5_closed_reports1005WhenTheCloseFrameHadNoStatus() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.conn.closing(1005, "").closed(1005, "", true);
      assertEquals("close:1005:true:", o.recorder.next());
    }
  }

  @Test
  void section5_closed_abruptTcpCloseReports1006NotClean() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      o.conn.closed(1006, "", false);
      assertEquals("close:1006:false:", o.recorder.next());
    }
  }

  @Test
  void section6_failure_firesErrorThenClose1006() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.open("ws://example.com/");
      o.conn.fail(new UnknownHostException("example.com"));
      Event error = o.recorder.nextEvent();
      assertEquals("error", error.type());
      assertTrue(error.isTrusted());
      CloseEvent close = (CloseEvent) o.recorder.nextEvent();
      assertEquals(1006, close.code());
      assertEquals("", close.reason());
      assertEquals(false, close.wasClean());
      assertEquals(WebSocket.CLOSED, o.ws.readyState());
    }
  }

  @Test
  void section5_failure_causeIsHiddenFromEventsAndGivenToTheObserver() throws Exception {
    List<Throwable> observed = new CopyOnWriteArrayList<>();
    try (Harness h = new Harness(b -> b.failureObserver((url, cause) -> observed.add(cause)))) {
      List<Throwable> causes = List.of(new UnknownHostException("nowhere"),
          new ConnectException("refused"), new SSLHandshakeException("bad certificate"),
          new IOException("Expected HTTP 101, got 302"));
      List<List<String>> seen = new CopyOnWriteArrayList<>();
      for (Throwable cause : causes) {
        Harness.Opened o = h.open("ws://example.com/");
        o.conn.fail(cause);
        seen.add(List.of(o.recorder.next(), o.recorder.next()));
      }
      // After an open, a failure looks the same too.
      Harness.Opened o = h.openAndEstablish();
      o.conn.fail(new IOException("protocol violation"));
      seen.add(List.of(o.recorder.next(), o.recorder.next()));
      for (List<String> s : seen) {
        assertEquals(List.of("error", "close:1006:false:"), s);
      }
      h.idle();
      assertEquals(5, observed.size());
      assertEquals(causes, observed.subList(0, 4));
    }
  }

  @Test
  void section5_receiveBacklog_pastTheLimitClosesWithPrejudice() throws Exception {
    List<Throwable> observed = new CopyOnWriteArrayList<>();
    try (Harness h = new Harness(b -> b.receiveBacklogLimit(10)
        .failureObserver((url, cause) -> observed.add(cause)))) {
      Harness.Opened o = h.openAndEstablish();
      try (Harness.Hold hold = h.hold()) {
        o.conn.text("123456").text("123456");   // 12 units waiting: the handlers are stuck
        assertTrue(o.conn.aborted(), "a flood the handlers cannot absorb is cut off");
      }
      assertEquals("error", o.recorder.next());
      assertEquals("close:1006:false:", o.recorder.next());
      assertEquals(1, observed.size());
      assertTrue(observed.get(0).getMessage().contains("receive backlog limit of 10"));
    }
  }

  @Test
  void section5_receiveBacklog_dispatchedMessagesMakeRoom() throws Exception {
    try (Harness h = new Harness(b -> b.receiveBacklogLimit(10))) {
      Harness.Opened o = h.openAndEstablish();
      o.conn.text("123456");
      assertEquals("message:123456", o.recorder.next());
      h.idle();
      o.conn.binary("0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals("message:blob:0123456789", o.recorder.next());
      assertTrue(!o.conn.aborted());
    }
  }
}
