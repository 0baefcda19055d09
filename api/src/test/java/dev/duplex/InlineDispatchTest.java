package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.EventLoopPolicy;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The default event loop shared with the transport's threads: a transport that allows inline
 * dispatch gets its events handled on the thread that reported them when the context's loop is
 * idle, and queued behind the running handler otherwise; the one-at-a-time and in-order
 * guarantees, and "the script that created the socket runs to completion before any of its
 * events", hold either way. Here the test thread plays the transport's callback thread.
 */
class InlineDispatchTest {

  /** The thread each message was handled on, in order. */
  private static final class Threads {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();

    /** Records the messages of {@code o}, its handler set on the loop (as a page would). */
    static Threads on(Harness h, Harness.Opened o) {
      Threads t = new Threads();
      h.context.run(() -> t.attach(o.ws));
      return t;
    }

    void attach(WebSocket ws) {
      ws.onmessage(e -> {
        threads.add(Thread.currentThread());
        messages.add(((MessageEvent) e).text());
      });
    }

    String nextMessage() throws InterruptedException {
      String m = messages.poll(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("No message was dispatched.");
      }
      return m;
    }

    Thread nextThread() throws InterruptedException {
      return threads.poll(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static Harness harness(boolean inline, UnaryOperator<WebSocketContext.Builder> more) {
    Harness h = new Harness(more);
    h.transport.inlineDispatch = inline;
    return h;
  }

  @Test
  void sharedWithTransport_runsHandlersOnTheCallbackThreadWhenTheLoopIsIdle() throws Exception {
    try (Harness h = harness(true, b -> b)) {
      Harness.Opened o = h.openAndEstablish();
      Threads t = Threads.on(h, o);
      // The loop's own thread may still be finishing the task that attached the handler; once
      // it has, the loop is idle and a message is handled before the callback returns, on this
      // (the "transport") thread.
      assertTrue(handledInline(o, t), "an idle loop runs on the callback thread");
    }
  }

  /**
   * Reports messages until one is dispatched inside its callback on the calling thread (at most
   * 100 tries, 10 ms apart); every message must be dispatched either way.
   */
  private static boolean handledInline(Harness.Opened o, Threads t) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      o.conn.text("m" + i);
      String now = t.messages.poll();
      if (now != null) {
        assertEquals("m" + i, now);
        if (t.nextThread() == Thread.currentThread()) {
          return true;
        }
      } else {
        assertEquals("m" + i, t.nextMessage(), "a message queued behind the loop's thread");
        t.nextThread();
      }
      Thread.sleep(10);
    }
    return false;
  }

  @Test
  void sharedWithTransport_queuesBehindARunningHandlerAndKeepsOrder() throws Exception {
    try (Harness h = harness(true, b -> b)) {
      Harness.Opened o = h.openAndEstablish();
      Threads t = Threads.on(h, o);
      h.idle();
      try (Harness.Hold hold = h.hold()) {
        o.conn.text("a").text("b").text("c");
        assertNull(t.messages.poll(), "nothing may run while another task of the loop runs");
      }
      assertEquals(List.of("a", "b", "c"),
          List.of(t.nextMessage(), t.nextMessage(), t.nextMessage()));
      Thread first = t.nextThread();
      assertNotSame(Thread.currentThread(), first, "the loop's own thread took over the queue");
      assertTrue(handledInline(o, t), "an idle loop runs on the callback thread again");
    }
  }

  @Test
  void sharedWithTransport_dispatchesNothingBeforeInitReturns() throws Exception {
    try (Harness h = harness(true, b -> b)) {
      CountDownLatch reported = new CountDownLatch(1);
      Recorder r = new Recorder();
      BlockingQueue<String> duringInit = new LinkedBlockingQueue<>();
      h.context.open("ws://example.com/", List.of(), ws -> {
        r.attach(ws);
        Thread transportThread = new Thread(() -> {
          try {
            h.transport.next().open().text("early");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reported.countDown();
        });
        transportThread.start();
        try {
          assertTrue(reported.await(ScriptedTransport.WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        String e = r.log.poll();
        duringInit.add(e == null ? "nothing" : e);
      });
      assertEquals("nothing", duringInit.take(), "no event before init returned");
      assertEquals("open", r.next());
      assertEquals("message:early", r.next());
    }
  }

  @Test
  void dedicatedThread_neverRunsHandlersOnTheCallbackThread() throws Exception {
    try (Harness h = harness(true, b -> b.eventLoop(EventLoopPolicy.dedicatedThread()))) {
      Harness.Opened o = h.openAndEstablish();
      Threads t = Threads.on(h, o);
      h.idle();
      o.conn.text("one");
      assertEquals("one", t.nextMessage());
      assertNotSame(Thread.currentThread(), t.nextThread());
    }
  }

  @Test
  void transportWithoutInlineDispatch_neverHasHandlersRunOnItsThreads() throws Exception {
    try (Harness h = harness(false, b -> b)) {
      Harness.Opened o = h.openAndEstablish();
      Threads t = Threads.on(h, o);
      h.idle();
      o.conn.text("one");
      assertEquals("one", t.nextMessage());
      assertNotSame(Thread.currentThread(), t.nextThread());
    }
  }
}
