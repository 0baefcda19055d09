package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** W3C section 9, garbage collection and "make disappear". */
class GarbageCollectionTest {
  /** At most 5 s of collecting; the conditions usually hold after one or two rounds. */
  private static final int GC_ROUNDS = 250;

  /** Runs the collector until {@code done} or the bounded number of rounds has passed. */
  private static boolean collectUntil(java.util.function.BooleanSupplier done)
      throws InterruptedException {
    for (int i = 0; i < GC_ROUNDS && !done.getAsBoolean(); i++) {
      System.gc();
      Thread.sleep(20);
    }
    return done.getAsBoolean();
  }

  /**
   * Runs full collections until a fresh canary object has been collected twice, so that anything
   * that was only weakly reachable has been cleared (System.gc is a full collection by default).
   */
  private static void collectGarbage() throws InterruptedException {
    for (int cleared = 0; cleared < 2; ) {
      WeakReference<Object> canary = new WeakReference<>(new Object());
      assertTrue(collectUntil(() -> canary.get() == null), "the collector did not run");
      cleared++;
    }
  }

  /** Opens a socket whose only listener is for open, and returns its connection once OPEN. */
  private static ScriptedTransport.Conn openWithOnlyAnOpenListener(Harness h)
      throws InterruptedException {
    CountDownLatch opened = new CountDownLatch(1);
    h.context.open("ws://example.com/", List.of(), ws -> ws.onopen(e -> opened.countDown()));
    ScriptedTransport.Conn conn = h.transport.next();
    conn.open();
    assertTrue(opened.await(10, TimeUnit.SECONDS));
    return conn;
  }

  @Test
  void section9_unreachableOpenSocketIsClosedWithoutStatus() throws Exception {
    try (Harness h = new Harness()) {
      ScriptedTransport.Conn conn = openWithOnlyAnOpenListener(h);
      assertTrue(collectUntil(() -> conn.closeCode != -1),
          "the unreachable open socket was not closed");
      assertEquals(1005, conn.closeCode);
      assertEquals("", conn.closeReason);
      assertFalse(conn.aborted());
    }
  }

  @Test
  void section9_openSocketWithAMessageListenerIsKeptReachable() throws Exception {
    try (Harness h = new Harness()) {
      CountDownLatch message = new CountDownLatch(1);
      WeakReference<WebSocket> ref = new WeakReference<>(
          h.context.open("ws://example.com/", List.of(), ws -> ws.onmessage(e -> message.countDown())));
      ScriptedTransport.Conn conn = h.transport.next();
      conn.open();
      h.idle();
      collectGarbage();
      assertNotNull(ref.get(), "collected although a message listener is registered");
      assertEquals(-1, conn.closeCode);
      conn.text("still there");
      assertTrue(message.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void section9_socketWithQueuedDataIsKeptReachableUntilTransmitted() throws Exception {
    try (Harness h = new Harness()) {
      ScriptedTransport.Conn conn = openWithOnlyAnOpenListener(h);
      // No listeners but open: send through a weakly held reference before it can go.
      WebSocket ws = h.context.open("ws://example.com/data", List.of(), s -> { });
      ScriptedTransport.Conn dataConn = h.transport.next();
      dataConn.open();
      h.idle();
      ws.send("pending");
      WeakReference<WebSocket> ref = new WeakReference<>(ws);
      ws = null;
      collectGarbage();
      assertNotNull(ref.get(), "collected although data is queued");
      assertEquals(-1, dataConn.closeCode);
      dataConn.transmitted(7);
      assertTrue(collectUntil(() -> dataConn.closeCode != -1));
      assertEquals(1005, dataConn.closeCode);
      assertTrue(conn.closeCode == 1005 || collectUntil(() -> conn.closeCode == 1005));
    }
  }

  @Test
  void section9_connectingSocketWithAnOpenListenerIsKeptReachable() throws Exception {
    try (Harness h = new Harness()) {
      CountDownLatch opened = new CountDownLatch(1);
      WeakReference<WebSocket> ref = new WeakReference<>(h.context.open("ws://example.com/",
          List.of(), ws -> ws.onopen(e -> opened.countDown())));
      ScriptedTransport.Conn conn = h.transport.next();
      collectGarbage();
      assertNotNull(ref.get());
      conn.open();
      assertTrue(opened.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void section9_contextCloseClosesOpenSocketsWith1001() throws Exception {
    Harness h = new Harness();
    Harness.Opened open = h.openAndEstablish();
    Harness.Opened connecting = h.open("ws://example.com/slow");
    h.context.close();
    assertTrue(h.context.isClosed());
    assertEquals(1001, open.conn.closeCode);
    assertEquals(WebSocket.CLOSING, open.ws.readyState());
    assertTrue(connecting.conn.aborted(), "a CONNECTING socket is failed");
    assertEquals("error", connecting.recorder.next());
    assertEquals("close:1006:false:", connecting.recorder.next());
    open.conn.closed(1001, "", true);
    assertEquals("close:1001:true:", open.recorder.next());
  }

  @Test
  void section9_openOnAClosedContextThrowsInvalidStateError() {
    Harness h = new Harness();
    h.context.close();
    InvalidStateError e = assertThrows(InvalidStateError.class,
        () -> h.context.open("ws://example.com/"));
    assertEquals("InvalidStateError", e.name());
  }

  @Test
  void section9_contextCloseReleasesTheTransportOnceSocketsAreClosed() throws Exception {
    Harness h = new Harness();
    Harness.Opened open = h.openAndEstablish();
    h.context.close();
    assertFalse(h.transport.closed, "the transport stays up while a socket is closing");
    open.conn.closed(1001, "", true);
    assertEquals("close:1001:true:", open.recorder.next());
    assertTrue(collectUntil(() -> h.transport.closed));
  }

  @Test
  void section9_socketCollectedWhileConnectingIsClosedWithoutStatusOnceOpen() throws Exception {
    try (Harness h = new Harness()) {
      h.context.open("ws://example.com/");     // no listeners: nothing keeps it
      ScriptedTransport.Conn conn = h.transport.next();
      conn.open();
      assertTrue(collectUntil(() -> conn.closeCode != -1),
          "the unreachable socket was not closed once open");
      assertEquals(1005, conn.closeCode);
    }
  }

  @Test
  void section9_contextClosedWhileConnectingStillAbortsTheNewConnection() throws Exception {
    Harness h = new Harness();
    h.transport.onConnect = conn -> h.context.close();   // before connect returns
    Recorder r = new Recorder();
    h.context.open("ws://example.com/", List.of(), r::attach);
    assertTrue(h.transport.next().aborted(), "the connection was left open");
    assertEquals("error", r.next());
    assertEquals("close:1006:false:", r.next());
  }

  @Test
  void section9_closingSocketWithACloseListenerIsKeptReachable() throws Exception {
    try (Harness h = new Harness()) {
      CountDownLatch closed = new CountDownLatch(1);
      WebSocket ws = h.context.open("ws://example.com/", List.of(),
          s -> s.onclose(e -> closed.countDown()));
      ScriptedTransport.Conn conn = h.transport.next();
      conn.open();
      h.idle();
      ws.close(1000);
      WeakReference<WebSocket> ref = new WeakReference<>(ws);
      ws = null;
      collectGarbage();
      assertNotNull(ref.get(), "collected while CLOSING although a close listener is registered");
      conn.closed(1000, "", true);
      assertTrue(closed.await(10, TimeUnit.SECONDS));
    }
  }
}
