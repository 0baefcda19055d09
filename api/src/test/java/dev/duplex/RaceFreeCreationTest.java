package dev.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.EventLoopPolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "The script that created the socket runs to completion before any of its events": with a
 * transport that answers at once and a handler attached only after the transport has answered.
 */
class RaceFreeCreationTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Makes every connection of {@code h} open and deliver "hi" at once, from another thread. */
  private static CountDownLatch answerInstantly(Harness h) {
    CountDownLatch answered = new CountDownLatch(1);
    h.transport.onConnect = conn -> new Thread(() -> {
      conn.open().text("hi");
      answered.countDown();
    }).start();
    return answered;
  }

  private UnaryOperator<WebSocketContext.Builder> loops(boolean perSocket) {
    return b -> b.eventLoop(perSocket ? EventLoopPolicy.perSocket(pool) : EventLoopPolicy.dedicatedThread());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "the transport did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Watches a socket from the code that creates it: records whether its open event was
   * dispatched while that code was still running.
   */
  private static final class Creator {
    /** How long the creator lingers after the transport answered, giving an unguarded loop the
     * time to dispatch (the property is an absence, so no latch can end this wait early). */
    private static final long LINGER_MS = 200;
    final List<String> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch opened = new CountDownLatch(1);
    volatile boolean done;

    void watch(WebSocket ws) {
      ws.addEventListener("open", e -> {
        seen.add(done ? "open after the creator" : "open while the creator ran");
        opened.countDown();
      });
      ws.addEventListener("message", e -> seen.add("message " + ((MessageEvent) e).text()));
    }

    void lingerAfter(CountDownLatch answered) {
      await(answered);
      try {
        opened.await(LINGER_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done = true;
    }

    void assertNothingBeforeTheCreatorEnded() throws InterruptedException {
      assertTrue(opened.await(10, TimeUnit.SECONDS), "no open event");
      for (int i = 0; i < 500 && seen.size() < 2; i++) {
        Thread.sleep(10);
      }
      assertEquals(List.of("open after the creator", "message hi"), seen);
    }
  }

  @ParameterizedTest(name = "perSocket={0}")
  @ValueSource(booleans = {false, true})
  void raceFree_initRunsBeforeAnyEventCanBeDispatched(boolean perSocket) throws Exception {
    try (Harness h = new Harness(loops(perSocket))) {
      CountDownLatch answered = answerInstantly(h);
      Creator creator = new Creator();
      h.context.open("ws://example.com/", List.of(), ws -> {
        creator.watch(ws);
        creator.lingerAfter(answered);   // the transport already reported open and a message
      });
      creator.assertNothingBeforeTheCreatorEnded();
    }
  }

  @ParameterizedTest(name = "perSocket={0}")
  @ValueSource(booleans = {false, true})
  void raceFree_socketOpenedInALoopTaskDispatchesNothingBeforeTheTaskEnds(boolean perSocket)
      throws Exception {
    try (Harness h = new Harness(loops(perSocket))) {
      CountDownLatch answered = answerInstantly(h);
      Creator creator = new Creator();
      h.context.run(() -> {
        creator.watch(h.context.open("ws://example.com/"));
        creator.lingerAfter(answered);
      });
      creator.assertNothingBeforeTheCreatorEnded();
    }
  }

  @ParameterizedTest(name = "perSocket={0}")
  @ValueSource(booleans = {false, true})
  void raceFree_socketOpenedInAHandlerDispatchesNothingBeforeTheHandlerEnds(boolean perSocket)
      throws Exception {
    try (Harness h = new Harness(loops(perSocket))) {
      Harness.Opened first = h.open("ws://example.com/first");
      CountDownLatch answered = answerInstantly(h);
      Creator creator = new Creator();
      first.ws.addEventListener("open", e -> {
        creator.watch(h.context.open("ws://example.com/second"));
        creator.lingerAfter(answered);
      });
      first.conn.open();
      creator.assertNothingBeforeTheCreatorEnded();
    }
  }

  @Test
  void raceFree_initThatThrowsFailsTheConnectionAndPropagates() throws Exception {
    try (Harness h = new Harness()) {
      AtomicReference<WebSocket> created = new AtomicReference<>();
      IllegalStateException thrown = new IllegalStateException("init failed (expected)");
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> h.context.open("ws://example.com/", List.of(), ws -> {
            created.set(ws);
            throw thrown;
          }));
      assertSame(thrown, e);
      assertTrue(h.transport.next().aborted());
      assertTrue(created.get().readyState() >= WebSocket.CLOSING);
    }
  }
}
