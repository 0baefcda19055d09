package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.EventLoop;
import dev.duplex.spi.EventLoopPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event loop: order, batching, and send/close from any thread. */
class EventLoopTest {
  private static final int BURST = 10_000;

  /** The default loop, counting how many tasks are submitted to it. */
  private static final class CountingPolicy implements EventLoopPolicy {
    final AtomicInteger submitted = new AtomicInteger();

    @Override
    public EventLoop newEventLoop(String name) {
      EventLoop inner = EventLoopPolicy.dedicatedThread().newEventLoop(name);
      return new EventLoop() {
        @Override
        public void execute(Runnable task) {
          submitted.incrementAndGet();
          inner.execute(task);
        }

        @Override
        public boolean inEventLoop() {
          return inner.inEventLoop();
        }

        @Override
        public void shutdown() {
          inner.shutdown();
        }
      };
    }
  }

  @Test
  void eventLoop_aBurstOfMessagesIsHandedOverInBatchesAndInOrder() throws Exception {
    CountingPolicy counting = new CountingPolicy();
    try (Harness h = new Harness(b -> b.eventLoop(counting))) {
      List<String> received = new ArrayList<>();
      CountDownLatch all = new CountDownLatch(BURST);
      Harness.Opened o = h.openAndEstablish();
      o.ws.addEventListener("message", e -> {
        received.add(((MessageEvent) e).text());
        all.countDown();
      });
      int before;
      try (Harness.Hold hold = h.hold()) {
        before = counting.submitted.get();
        for (int i = 0; i < BURST; i++) {
          o.conn.text(Integer.toString(i));
        }
      }
      assertTrue(all.await(10, TimeUnit.SECONDS));
      int handOvers = counting.submitted.get() - before;
      assertTrue(handOvers <= BURST / 100, "a burst of " + BURST + " messages took " + handOvers
          + " loop tasks; expected batches");
      for (int i = 0; i < BURST; i++) {
        assertEquals(Integer.toString(i), received.get(i));
      }
    }
  }

  @Test
  void eventLoop_sendAndCloseAreSafeFromManyThreads() throws Exception {
    try (Harness h = new Harness()) {
      Harness.Opened o = h.openAndEstablish();
      int threads = 8;
      int each = 500;
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread s = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int i = 0; i < each; i++) {
            o.ws.send("ab");
          }
        });
        s.start();
        senders.add(s);
      }
      start.countDown();
      for (Thread s : senders) {
        s.join(10_000);
      }
      assertEquals(threads * each, o.conn.sent.size());
      assertEquals(2L * threads * each, o.ws.bufferedAmount());
      o.ws.close(1000);
      o.ws.send("late");
      assertEquals(threads * each, o.conn.sent.size());
      assertEquals(1000, o.conn.closeCode);
    }
  }

  @Test
  void eventLoop_aTaskThatThrowsIsLoggedAndTheLoopCarriesOn() throws Exception {
    try (Harness h = new Harness()) {
      h.context.run(() -> {
        throw new IllegalStateException("task bug (expected by the test)");
      });
      h.idle();
      Harness.Opened o = h.openAndEstablish();
      o.conn.text("after");
      assertEquals("message:after", o.recorder.next());
    }
  }
}
