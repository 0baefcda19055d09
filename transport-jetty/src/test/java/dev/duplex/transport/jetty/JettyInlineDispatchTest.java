package dev.duplex.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.tck.client.HandlerLog;
import dev.duplex.tck.client.HandlerLog.Run;
import dev.duplex.tck.client.InlineErrorPaths;
import dev.duplex.tck.client.SpiBoundary;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.JettyServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The W3C api's default event loop over this transport, against Jetty's server on loopback (and
 * the kit's raw fixture where the peer must vanish): with a client of its own the transport allows
 * inline dispatch, so handlers run on the pool thread that reported the event while the context's
 * loop is idle; no callback ever comes from inside a call into the transport ({@link
 * SpiBoundary}), also when a send fails, a close meets a send still being written or a send
 * closes the socket with prejudice; and handlers that send, close or block neither deadlock nor
 * reorder anything. A handed-in client keeps handlers on the context's thread.
 *
 * <p>Threading: JUnit's thread plays the application's; handlers run on the context's loop.
 */
@ExtendWith(NoJettyWarnings.class)
class JettyInlineDispatchTest {
  private static final long WAIT = HandlerLog.WAIT_SECONDS;
  /** A thread of the pool of a transport's own client ({@code duplex-jetty-N-id}). */
  private static final Pattern POOL_THREAD = Pattern.compile("duplex-jetty-\\d+-\\d+");
  /** The context's own thread, which runs handlers when they are not run inline. */
  private static final String LOOP_THREAD = "duplex-events-";

  private static boolean onPool(Run r) {
    return r.inline() && POOL_THREAD.matcher(r.thread()).matches();
  }

  private static WebSocket open(WebSocketContext context, JettyServer server, String path,
      HandlerLog log) throws InterruptedException {
    WebSocket ws = context.open(server.uri(path).toString(), List.of(), log::attach);
    log.awaitOpen();
    return ws;
  }

  @Test
  void inlineDispatch_ownClient_runsHandlersOnItsPoolInsideTheCallback() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider());
    try (JettyServer server = JettyServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary).build()) {
      HandlerLog seen = new HandlerLog();
      WebSocket ws = open(context, server, "/bye", seen);
      assertTrue(boundary.transport().allowsInlineDispatch(), "own client: inline allowed");
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ws.send("m" + i); // one at a time: the loop is idle when each echo arrives
        Run r = seen.next();
        assertEquals("m" + i, r.what());
        runs.add(r);
      }
      ws.send("bye");
      seen.awaitClose(1000, true);
      runs.add(seen.next());
      long inline = runs.stream().filter(JettyInlineDispatchTest::onPool).count();
      assertTrue(inline >= 10, "handlers run inside the callback on the transport's pool when the"
          + " loop is idle; only " + inline + " of " + runs.size() + " did: " + runs);
      for (Run r : runs) {
        assertTrue(onPool(r) || (!r.inline() && r.thread().startsWith(LOOP_THREAD)),
            "a handler ran on the pool, inline, or on the context's thread, never elsewhere"
                + " (the scheduler's thread, a foreign one): " + r);
      }
      for (String thread : boundary.callbackThreads()) {
        assertTrue(POOL_THREAD.matcher(thread).matches(),
            "every callback comes from the transport's pool, none from its scheduler: " + thread);
      }
      assertEquals(List.of(), boundary.violations());
    }
  }

  @Test
  void inlineDispatch_handedInClient_keepsHandlersOnTheContextsThread() throws Exception {
    HttpClient http = new HttpClient();
    http.start();
    try {
      SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider(http));
      try (JettyServer server = JettyServer.start();
          WebSocketContext context = WebSocketContext.builder().transport(boundary).build()) {
        HandlerLog seen = new HandlerLog();
        WebSocket ws = open(context, server, "/echo", seen);
        assertFalse(boundary.transport().allowsInlineDispatch(),
            "a handed-in client's threads may be the application's: no inline dispatch");
        for (int i = 0; i < 10; i++) {
          ws.send("m" + i);
          Run r = seen.next();
          assertEquals("m" + i, r.what());
          assertFalse(r.inline(), "not inside a callback: " + r);
          assertTrue(r.thread().startsWith(LOOP_THREAD), "on the context's thread: " + r);
        }
        ws.close(1000, "done");
        seen.awaitClose(1000, true);
        assertEquals(List.of(), boundary.violations());
      }
    } finally {
      http.stop();
    }
  }

  @Test
  void inlineDispatch_sendsFromTheApplicationThreadNeverRunTheListenerInside() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider());
    try (JettyServer server = JettyServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary).build()) {
      HandlerLog seen = new HandlerLog();
      WebSocket ws = open(context, server, "/echo", seen);
      int n = 400;
      for (int i = 0; i < n; i++) { // echoes arrive, and handlers run, while this thread sends
        if (i % 2 == 0) {
          ws.send("t" + i);
        } else {
          ws.send(("b" + i).getBytes(StandardCharsets.UTF_8));
        }
      }
      String me = Thread.currentThread().getName();
      for (int i = 0; i < n; i++) {
        Run r = seen.next();
        assertEquals(i % 2 == 0 ? "t" + i : "binary:b" + i, r.what(), "in order");
        assertNotEquals(me, r.thread(), "a handler ran inside send on the application's thread");
      }
      assertEquals(List.of(), boundary.violations(), "callbacks from inside a call into Jetty");
      ws.close(1000, "done");
      seen.awaitClose(1000, true);
    }
  }

  @Test
  void inlineDispatch_handlerSendingOnAnotherSocketGetsNoCallbackInsideTheSend() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider());
    try (JettyServer server = JettyServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary).build()) {
      HandlerLog relayed = new HandlerLog();
      WebSocket b = open(context, server, "/echo", relayed);
      HandlerLog first = new HandlerLog();
      WebSocket a = context.open(server.uri("/echo").toString(), List.of(), ws -> {
        first.attach(ws);
        ws.onmessage(e -> b.send("via-a:" + e.text())); // replaces the recorder
      });
      first.awaitOpen();
      for (int i = 0; i < 50; i++) {
        a.send("m" + i);
        assertEquals("via-a:m" + i, relayed.next().what());
      }
      assertEquals(List.of(), boundary.violations(),
          "a handler on Jetty's thread sends on another socket, whose write Jetty completes at once");
      a.close(1000, "done");
      b.close(1000, "done");
      first.awaitClose(1000, true);
      relayed.awaitClose(1000, true);
    }
  }

  /**
   * The error paths, from a handler that Jetty's pool runs inline on socket {@code a}'s echo, where
   * a callback the transport made inside its call would run on that same thread: a send to {@code
   * gone}, whose peer was just reset (Jetty's write fails inside the send and ends the session), a
   * close of {@code busy} while a large send to it is still being written, and a send that takes
   * {@code capped} past its buffer limit, which the engine answers by aborting it.
   */
  @Test
  void inlineDispatch_errorPathsInsideAHandlerGetNoCallbackInsideTheCall() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider());
    try (JettyServer server = JettyServer.start();
        FixtureServer fixture = FixtureServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary)
            .bufferLimit(BufferLimitPolicy.of(InlineErrorPaths.BUFFER_LIMIT)).build()) {
      InlineErrorPaths.run(context, server, fixture, boundary, JettyInlineDispatchTest::onPool);
    }
  }

  @Test
  void inlineDispatch_handlersThatSendAndCloseKeepOrder() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider());
    try (JettyServer server = JettyServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary).build()) {
      int last = 300;
      HandlerLog seen = new HandlerLog();
      context.open(server.uri("/echo").toString(), List.of(), ws -> {
        seen.attach(ws);
        ws.onopen(e -> ws.send("0"));
        ws.onmessage(e -> {
          int n = Integer.parseInt(e.text());
          seen.record(Run.now(Integer.toString(n)));
          if (n < last) {
            ws.send(Integer.toString(n + 1)); // from inside the report of the echo
          } else {
            ws.close(1000, "done");
          }
        });
      });
      for (int i = 0; i <= last; i++) {
        assertEquals(Integer.toString(i), seen.next().what());
      }
      seen.awaitClose(1000, true);
      assertEquals(List.of(), boundary.violations());
    }
  }

  @Test
  void inlineDispatch_handlerThatBlocksHoldsUpNothingElseAndLosesNothing() throws Exception {
    SpiBoundary boundary = new SpiBoundary(new JettyTransportProvider());
    try (JettyServer server = JettyServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary).build()) {
      CountDownLatch blocking = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      HandlerLog seen = new HandlerLog();
      WebSocket ws = context.open(server.uri("/echo").toString(), List.of(), s -> {
        seen.attach(s);
        s.onmessage(e -> {
          String m = e.text();
          seen.record(Run.now(m));
          if (m.equals("block")) {
            blocking.countDown();
            try {
              assertTrue(release.await(WAIT, TimeUnit.SECONDS), "never released");
            } catch (InterruptedException x) {
              Thread.currentThread().interrupt();
            }
            s.send("after");
          }
        });
      });
      seen.awaitOpen();
      ws.send("block");
      assertTrue(blocking.await(WAIT, TimeUnit.SECONDS), "the handler did not run");
      Run blocked = seen.next();
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        ws.send("x" + i); // while the handler holds the thread that reported "block"
      }
      long sendMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(sendMillis < 2_000, "send waited " + sendMillis + " ms for the blocked handler");
      Thread.sleep(300); // the echoes arrive and wait behind the blocked handler
      release.countDown();
      for (int i = 0; i < 20; i++) {
        assertEquals("x" + i, seen.next().what(), "in order after the block");
      }
      assertEquals("after", seen.next().what());
      assertTrue(onPool(blocked), "the blocking handler ran inline on the pool: " + blocked);
      ws.close(1000, "done");
      seen.awaitClose(1000, true);
      assertEquals(List.of(), boundary.violations());
    }
  }
}
