package dev.duplex.tck.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.client.HandlerLog.Run;
import dev.duplex.tck.fixture.FixturePeer;
import dev.duplex.tck.fixture.FixtureServer;
import dev.duplex.tck.fixture.Frame;
import dev.duplex.tck.fixture.JettyServer;
import dev.duplex.tck.fixture.ReceivedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Scenarios that test a transport's {@link dev.duplex.spi.Transport#allowsInlineDispatch()}
 * through the W3C api's default event loop, against the kit's servers on loopback, each with a
 * fresh context over the provider wrapped in a {@link SpiBoundary}: handlers run inline on the
 * transport's threads when it allows it and on the context's thread when it does not, no callback
 * ever comes from inside a call into the transport (also on the error paths), and handlers that
 * send, close or block neither deadlock nor reorder anything. A transport's own tests call them
 * with the provider and a test of its threads.
 *
 * <p>Threading: call each from the test's thread.
 */
public final class InlineDispatchScenarios {
  /** The context's own thread, which runs handlers when they are not run inline. */
  private static final String LOOP_THREAD = "duplex-events-";
  /** A send still being written when the close comes: more than loopback buffers hold. */
  private static final int LARGE = 12 << 20;
  /** The default buffer limit. */
  private static final long DEFAULT = BufferLimitPolicy.DEFAULT_LIMIT;
  /** The buffer limit of the error paths' context: the large send stays under it. */
  private static final long BUFFER_LIMIT = 16L << 20;

  private InlineDispatchScenarios() {}

  /** A test body with a context over the wrapped provider and the kit's Jetty server. */
  @FunctionalInterface
  private interface Body {
    void run(WebSocketContext context, JettyServer server) throws InterruptedException;
  }

  private static SpiBoundary withContext(TransportProvider provider, long bufferLimit, Body body)
      throws InterruptedException {
    SpiBoundary boundary = new SpiBoundary(provider);
    try (JettyServer server = JettyServer.start();
        WebSocketContext context = WebSocketContext.builder().transport(boundary)
            .bufferLimit(BufferLimitPolicy.of(bufferLimit)).build()) {
      body.run(context, server);
    }
    assertEquals(List.of(), boundary.violations(),
        "callbacks from inside a call into the transport");
    return boundary;
  }

  private static WebSocket open(WebSocketContext context, String url, HandlerLog log)
      throws InterruptedException {
    WebSocket ws = context.open(url, List.of(), log::attach);
    log.awaitOpen();
    return ws;
  }

  /**
   * For a transport that allows inline dispatch: echoes one at a time (so the loop is idle when
   * each arrives), then the server closes; most handlers run inline, every one either inline on
   * the transport's threads or on the context's, and every callback comes from the transport's
   * threads.
   *
   * @param provider the provider under test, whose transport must allow inline dispatch
   * @param ranInline whether a handler's run was inline on one of the transport's threads
   * @param transportThread whether a thread name is one of the transport's callback threads
   * @throws InterruptedException if interrupted while waiting
   */
  public static void runsHandlersInline(TransportProvider provider, Predicate<Run> ranInline,
      Predicate<String> transportThread) throws InterruptedException {
    SpiBoundary boundary = withContext(provider, DEFAULT, (context, server) -> {
      HandlerLog seen = new HandlerLog();
      WebSocket ws = open(context, server.uri("/bye").toString(), seen);
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ws.send("m" + i);
        Run r = seen.next();
        assertEquals("m" + i, r.what());
        runs.add(r);
      }
      ws.send("bye"); // the server closes
      seen.awaitClose(1000, true);
      runs.add(seen.next());
      long inline = runs.stream().filter(ranInline).count();
      assertTrue(inline >= 10, "handlers run inside the callback on the transport's thread when"
          + " the loop is idle; only " + inline + " of " + runs.size() + " did: " + runs);
      for (Run r : runs) {
        assertTrue(ranInline.test(r) || (!r.inline() && r.thread().startsWith(LOOP_THREAD)),
            "a handler ran inline on the transport's thread or on the context's, never"
                + " elsewhere: " + r);
      }
    });
    assertTrue(boundary.transport().allowsInlineDispatch(), "the transport allows inline dispatch");
    for (String thread : boundary.callbackThreads()) {
      assertTrue(transportThread.test(thread), "a callback came from a thread not the"
          + " transport's own: " + thread);
    }
  }

  /**
   * For a transport that does not allow inline dispatch: every handler runs on the context's
   * thread, none inside a callback.
   *
   * @param provider the provider under test, whose transport must not allow inline dispatch
   * @throws InterruptedException if interrupted while waiting
   */
  public static void keepsHandlersOnTheContextsThread(TransportProvider provider)
      throws InterruptedException {
    SpiBoundary boundary = withContext(provider, DEFAULT, (context, server) -> {
      HandlerLog seen = new HandlerLog();
      WebSocket ws = open(context, server.uri("/echo").toString(), seen);
      for (int i = 0; i < 10; i++) {
        ws.send("m" + i);
        Run r = seen.next();
        assertEquals("m" + i, r.what());
        assertFalse(r.inline(), "not inside a callback: " + r);
        assertTrue(r.thread().startsWith(LOOP_THREAD), "on the context's thread: " + r);
      }
      ws.close(1000, "done");
      seen.awaitClose(1000, true);
    });
    assertFalse(boundary.transport().allowsInlineDispatch(), "no inline dispatch");
  }

  /**
   * Sends text and binary from the application's thread while the echoes arrive and their
   * handlers run: in order, none inside a send.
   *
   * @param provider the provider under test
   * @throws InterruptedException if interrupted while waiting
   */
  public static void sendsFromTheApplicationThread(TransportProvider provider)
      throws InterruptedException {
    withContext(provider, DEFAULT, (context, server) -> {
      HandlerLog seen = new HandlerLog();
      WebSocket ws = open(context, server.uri("/echo").toString(), seen);
      int n = 400;
      for (int i = 0; i < n; i++) {
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
      ws.close(1000, "done");
      seen.awaitClose(1000, true);
    });
  }

  /**
   * A handler of socket {@code a} sends on socket {@code b}: what the transport completes inside
   * that send (a write taken at once) must be reported after it.
   *
   * @param provider the provider under test
   * @throws InterruptedException if interrupted while waiting
   */
  public static void handlerSendsOnAnotherSocket(TransportProvider provider)
      throws InterruptedException {
    withContext(provider, DEFAULT, (context, server) -> {
      HandlerLog relayed = new HandlerLog();
      WebSocket b = open(context, server.uri("/echo").toString(), relayed);
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
      a.close(1000, "done");
      b.close(1000, "done");
      first.awaitClose(1000, true);
      relayed.awaitClose(1000, true);
    });
  }

  /**
   * The error paths, from a handler the transport runs inline, where a callback made inside the
   * transport's call would run on that same thread: a 1 MiB reply on the socket whose message
   * the handler is answering, whose peer it has just reset (a transport that writes a large reply
   * at once fails inside the send); then, from socket {@code driver}'s echo, a send to
   * {@code gone}, whose peer was just reset (a write fails inside the send), a close of {@code
   * busy} while a large send to it is still being written, and a send past the buffer limit of
   * {@code capped}, which the engine answers by aborting it (close with prejudice). Every socket
   * still ends as the W3C API says.
   *
   * @param provider the provider under test, whose transport must allow inline dispatch
   * @param ranInline whether a handler's run was inline on one of the transport's threads
   * @throws InterruptedException if interrupted while waiting
   */
  public static void errorPathsInsideAnInlineHandler(TransportProvider provider,
      Predicate<Run> ranInline) throws InterruptedException {
    try (FixtureServer fixture = FixtureServer.start()) {
      withContext(provider, BUFFER_LIMIT, (context, server) -> {
        HandlerLog goneLog = new HandlerLog();
        WebSocket gone = context.open(fixture.uri("/gone").toString(), List.of(), goneLog::attach);
        FixturePeer gonePeer = fixture.acceptOpen();
        goneLog.awaitOpen();
        HandlerLog busyLog = new HandlerLog();
        WebSocket busy = context.open(fixture.uri("/busy").toString(), List.of(), busyLog::attach);
        FixturePeer busyPeer = fixture.acceptOpen();
        busyLog.awaitOpen();
        HandlerLog cappedLog = new HandlerLog();
        WebSocket capped = open(context, server.uri("/echo").toString(), cappedLog);
        // A handler that answers its own socket's message after the peer reset it: a transport
        // may write a large reply at once, inside the send, where the write fails.
        FixturePeer[] selfPeer = new FixturePeer[1];
        HandlerLog selfLog = new HandlerLog();
        context.open(fixture.uri("/self").toString(), List.of(), ws -> {
          selfLog.attach(ws);
          ws.onmessage(e -> {
            selfLog.record(Run.now(HandlerLog.text(e)));
            selfPeer[0].reset();
            ws.send(new byte[1 << 20]);
          });
        });
        selfPeer[0] = fixture.acceptOpen();
        selfLog.awaitOpen();
        selfPeer[0].send(Frame.text("reply"));
        Run replied = selfLog.next();
        assertEquals("reply", replied.what());
        assertTrue(ranInline.test(replied), "the reply must be sent inline on the transport's"
            + " thread for the check to mean anything: " + replied);
        selfLog.awaitClose(1006, false);
        HandlerLog driverLog = new HandlerLog();
        WebSocket driver = context.open(server.uri("/echo").toString(), List.of(), ws -> {
          driverLog.attach(ws);
          ws.onmessage(e -> {
            driverLog.record(Run.now(HandlerLog.text(e)));
            gonePeer.reset();
            for (int i = 0; i < 50; i++) {
              gone.send(new byte[16 << 10]); // the peer is gone: a write fails inside a send
            }
            busy.send(new byte[LARGE]);
            busy.close(1000, "done"); // while the large send is still being written
            capped.send(new byte[(int) BUFFER_LIMIT + 1]); // past the limit: the engine aborts
          });
        });
        driverLog.awaitOpen();
        driver.send("go");
        Run drove = driverLog.next();
        assertEquals("go", drove.what());
        assertTrue(ranInline.test(drove), "the handler must run inline on the transport's thread"
            + " for the check to mean anything: " + drove);
        assertTrue(busyPeer.readFrame(Frame.CLOSE).isClose(), "the Close after the large message");
        busyPeer.send(Frame.close(1000, "done"));
        busyPeer.close();
        busyLog.awaitClose(1000, true);
        goneLog.awaitClose(1006, false);
        cappedLog.awaitClose(1006, false);
        driver.close(1000, "done");
        driverLog.awaitClose(1000, true);
      });
    }
  }

  /**
   * Message sizes of {@link #sendTakesTheBytesAtTheCall}: small, just past a 64 KiB buffer, 1 MiB,
   * and more than loopback buffers hold, so that a transport writing a send at once cannot write
   * all of it.
   */
  private static final int[] LENT_SIZES = {100, (64 << 10) + 1, 1 << 20, LARGE};

  /** @return what the handler records for an echo: "echo N ok", or where it first differs */
  private static String check(ByteBuffer echo, int seed) {
    byte[] expected = Patterns.of(echo.remaining(), seed);
    ByteBuffer b = echo.duplicate();
    for (int i = 0; i < expected.length; i++) {
      if (b.get() != expected[i]) {
        return "echo " + expected.length + " differs at byte " + i;
      }
    }
    return "echo " + expected.length + " ok";
  }

  /**
   * The W3C {@code send} takes the data at the time of the call: bytes the application changes
   * as soon as {@code send} returns arrive as they were at the call, sent from a handler (run
   * inline where the transport allows it, where a transport may write them at once) and from the
   * application's thread, as a byte array and as a read-only {@code ByteBuffer}, at every size of
   * {@link #LENT_SIZES}, and by a handler to a peer that is not reading (so that the socket fills
   * during the send); and no callback comes from inside a send.
   *
   * @param provider the provider under test
   * @throws InterruptedException if interrupted while waiting
   */
  public static void sendTakesTheBytesAtTheCall(TransportProvider provider)
      throws InterruptedException {
    withContext(provider, BUFFER_LIMIT, (context, server) -> {
      HandlerLog seen = new HandlerLog();
      WebSocket ws = context.open(server.uri("/echo").toString(), List.of(), s -> {
        seen.attach(s);
        s.onmessage(e -> {
          if (e.isText()) { // "size seed form": send that, then change the bytes at once
            String[] a = e.text().split(" ");
            int seed = Integer.parseInt(a[1]);
            byte[] bytes = Patterns.of(Integer.parseInt(a[0]), seed);
            send(s, bytes, a[2]);
            seen.record(Run.now("sent " + bytes.length));
          } else {
            ByteBuffer data = e.arrayBuffer();
            seen.record(Run.now(check(data, data.get(0) & 0xff)));
          }
        });
      });
      seen.awaitOpen();
      int seed = 1;
      for (int size : LENT_SIZES) {
        for (String form : List.of("array", "buffer")) {
          ws.send(size + " " + seed + " " + form); // the handler sends it
          assertEquals("sent " + size, seen.next().what());
          assertEquals("echo " + size + " ok", seen.next().what(), "from a handler, " + form);
          seed += 2;
          send(ws, Patterns.of(size, seed), form); // the application's thread sends it
          assertEquals("echo " + size + " ok", seen.next().what(), "from the application's"
              + " thread, " + form);
          seed += 2;
        }
      }
      ws.close(1000, "done");
      seen.awaitClose(1000, true);

      // A peer that reads nothing until the send has returned: the socket fills, so a transport
      // that writes a send at once cannot write all of it, and must keep the rest as it was.
      try (FixtureServer fixture = FixtureServer.start()) {
        HandlerLog slowLog = new HandlerLog();
        context.open(fixture.uri("/slow").toString(), List.of(), s -> {
          slowLog.attach(s);
          s.onmessage(e -> {
            send(s, Patterns.of(LARGE, 7), e.text());
            slowLog.record(Run.now("sent"));
          });
        });
        FixturePeer peer = fixture.acceptOpen();
        slowLog.awaitOpen();
        for (String form : List.of("array", "buffer")) {
          peer.send(Frame.text(form));
          assertEquals("sent", slowLog.next().what());
          ReceivedFrame f = peer.readFrame(Frame.BINARY);
          assertEquals("echo " + LARGE + " ok", check(ByteBuffer.wrap(f.payload()), 7),
              "sent by a handler to a peer not reading, " + form);
        }
        peer.send(Frame.close(1000, "done"));
        assertTrue(peer.readFrame(Frame.CLOSE).isClose(), "the reply to the Close");
        peer.close();
        slowLog.awaitClose(1000, true);
      }
    });
  }

  /** Sends {@code bytes} as {@code form} says, then overwrites them. */
  private static void send(WebSocket ws, byte[] bytes, String form) {
    if (form.equals("array")) {
      ws.send(bytes);
    } else {
      ws.send(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
    }
    Arrays.fill(bytes, (byte) 0x55);
  }

  /**
   * Each handler sends the next message, the last one closes, all from inside the report of the
   * echo before: nothing deadlocks or is reordered.
   *
   * @param provider the provider under test
   * @throws InterruptedException if interrupted while waiting
   */
  public static void handlersThatSendAndCloseKeepOrder(TransportProvider provider)
      throws InterruptedException {
    withContext(provider, DEFAULT, (context, server) -> {
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
    });
  }

  /**
   * A handler run inline blocks: sends from the application's thread do not wait for it, and the
   * echoes that arrive meanwhile follow it, in order.
   *
   * @param provider the provider under test, whose transport must allow inline dispatch
   * @param ranInline whether a handler's run was inline on one of the transport's threads
   * @throws InterruptedException if interrupted while waiting
   */
  public static void handlerThatBlocksLosesNothing(TransportProvider provider,
      Predicate<Run> ranInline) throws InterruptedException {
    withContext(provider, DEFAULT, (context, server) -> {
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
              assertTrue(release.await(HandlerLog.WAIT_SECONDS, TimeUnit.SECONDS),
                  "never released");
            } catch (InterruptedException x) {
              Thread.currentThread().interrupt();
            }
            s.send("after");
          }
        });
      });
      seen.awaitOpen();
      ws.send("block");
      assertTrue(blocking.await(HandlerLog.WAIT_SECONDS, TimeUnit.SECONDS),
          "the handler did not run");
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
      assertTrue(ranInline.test(blocked), "the blocking handler ran inline: " + blocked);
      ws.close(1000, "done");
      seen.awaitClose(1000, true);
    });
  }
}
