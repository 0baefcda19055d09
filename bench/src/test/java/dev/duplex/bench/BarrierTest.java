package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hold protocol end to end, over pipes: workers run {@link HoldProtocol#serve} on threads of
 * their own and the harness's {@link Barrier} coordinates them.
 */
class BarrierTest {
  private static final Duration LONG = Duration.ofSeconds(10);

  /** A worker on a thread: holds {@code connections}, of which {@code open} are still open. */
  private static final class FakeWorker {
    final Barrier.Party party;
    final AtomicInteger open;
    final AtomicBoolean released = new AtomicBoolean();
    volatile long heldAt;
    volatile long checkedAt;
    private final Thread thread;

    /** @param behaviour "hold", "fail", "silent" (never holds) or "die" (ends while holding) */
    FakeWorker(String name, int connections, int open, long delayMillis, String behaviour)
        throws IOException {
      this.open = new AtomicInteger(open);
      PipedOutputStream commands = new PipedOutputStream();
      PipedInputStream commandsIn = new PipedInputStream(commands);
      PipedInputStream lines = new PipedInputStream();
      PrintStream out = new PrintStream(new PipedOutputStream(lines), true, StandardCharsets.UTF_8);
      party = new Barrier.Party(name, lines, commands);
      BufferedReader in = new BufferedReader(new InputStreamReader(commandsIn, StandardCharsets.UTF_8));
      thread = new Thread(() -> {
        try (out; in) {
          Thread.sleep(delayMillis);
          out.println("opening " + connections + " connections");
          switch (behaviour) {
            case "fail":
              out.println(HoldProtocol.FAILED + " no route to host");
              return;
            case "silent":
              while (in.readLine() != null) {
                // never says HOLDING
              }
              return;
            case "die":
              out.println(HoldProtocol.HOLDING + " " + connections + " 1,1,1 0,0,0");
              return;
            default:
              heldAt = System.nanoTime();
              HoldProtocol.serve(connections, new double[] {100, 110, 120}, new double[] {1, 1, 1},
                  () -> {
                    checkedAt = System.nanoTime();
                    return this.open.get();
                  }, in, out);
              released.set(true);
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, name);
      thread.start();
    }

    /** @return whether the worker's thread ended within 5 s (it has been let go) */
    boolean ended() throws InterruptedException {
      thread.join(5000);
      return !thread.isAlive();
    }
  }

  @Test
  void everyWorkerIsCheckedOnlyOnceAllHoldAndNoneIsReleasedBeforeTheCheck() throws Exception {
    List<FakeWorker> workers = List.of(new FakeWorker("w1", 10, 10, 0, "hold"),
        new FakeWorker("w2", 20, 20, 100, "hold"), new FakeWorker("w3", 30, 30, 300, "hold"));
    List<String> other = new CopyOnWriteArrayList<>();
    AtomicBoolean checkedWhileAllHeld = new AtomicBoolean();
    Barrier.Outcome o = Barrier.await(parties(workers), LONG, LONG, other::add,
        () -> checkedWhileAllHeld.set(workers.stream().noneMatch(w -> w.released.get())));
    assertNull(o.failure());
    assertEquals(60, o.held());
    assertArrayEquals(new int[] {10, 20, 30}, o.still());
    assertEquals(List.of(10, 20, 30), o.holdings().stream().map(h -> h.connections()).toList());
    assertArrayEquals(new double[] {100, 110, 120}, o.holdings().get(2).heap());
    assertTrue(checkedWhileAllHeld.get(), "a worker was released before the check at the barrier");
    long lastHeld = workers.stream().mapToLong(w -> w.heldAt).max().getAsLong();
    for (FakeWorker w : workers) {
      assertTrue(w.checkedAt > lastHeld, w.party.name() + " was asked before every worker held");
      assertTrue(w.ended() && w.released.get(), w.party.name() + " was not released");
    }
    assertTrue(other.contains("opening 30 connections"), other.toString());
  }

  @Test
  void theHeldCountIsWhatTheWorkersStillHaveOpenAtTheCheckNotWhatTheyOpened() throws Exception {
    List<FakeWorker> workers = List.of(new FakeWorker("w1", 10, 10, 0, "hold"),
        new FakeWorker("w2", 20, 19, 0, "hold"));
    Barrier.Outcome o = Barrier.await(parties(workers), LONG, LONG, line -> { }, () -> { });
    assertNull(o.failure());
    assertEquals(29, o.held());
  }

  @Test
  void aWorkerThatFailsFailsTheBarrierWithItsReasonAndTheOthersAreReleased() throws Exception {
    List<FakeWorker> workers = List.of(new FakeWorker("w1", 10, 10, 0, "hold"),
        new FakeWorker("w2", 20, 20, 50, "fail"), new FakeWorker("w3", 30, 30, 0, "hold"));
    AtomicBoolean checked = new AtomicBoolean();
    Barrier.Outcome o = Barrier.await(parties(workers), LONG, LONG, line -> { },
        () -> checked.set(true));
    assertEquals("w2: no route to host", o.failure());
    assertEquals(0, o.held());
    assertFalse(checked.get(), "the check ran although a worker failed");
    assertEveryWorkerLetGo(workers);
  }

  @Test
  void aWorkerThatNeverHoldsTimesOutAndEveryWorkerIsReleased() throws Exception {
    List<FakeWorker> workers = List.of(new FakeWorker("w1", 10, 10, 0, "hold"),
        new FakeWorker("w2", 20, 20, 0, "silent"));
    long t0 = System.nanoTime();
    Barrier.Outcome o = Barrier.await(parties(workers), Duration.ofMillis(300), LONG,
        line -> { }, () -> { });
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the timeout was not kept");
    assertEquals("after 0 s, 1 of 2 workers had said HOLDING", o.failure());
    assertEveryWorkerLetGo(workers);
  }

  @Test
  void aWorkerThatEndsWhileHoldingFailsTheBarrier() throws Exception {
    List<FakeWorker> workers = List.of(new FakeWorker("w1", 10, 10, 200, "hold"),
        new FakeWorker("w2", 20, 20, 0, "die"));
    Barrier.Outcome o = Barrier.await(parties(workers), LONG, LONG, line -> { }, () -> { });
    assertEquals("w2 ended while it should have held its connections", o.failure());
  }

  private static void assertEveryWorkerLetGo(List<FakeWorker> workers) throws InterruptedException {
    for (FakeWorker w : workers) {
      assertTrue(w.ended(), w.party.name() + " was left holding");
    }
  }

  private static List<Barrier.Party> parties(List<FakeWorker> workers) {
    List<Barrier.Party> parties = new ArrayList<>();
    workers.forEach(w -> parties.add(w.party));
    return parties;
  }
}
