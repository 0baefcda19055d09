package dev.duplex.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The turn logic against in-memory lanes on a fake clock: each lane's round trip moves the
 * clock by what the lane's "machine" says it takes at that moment, so the machine's changes of
 * mode, the lanes' costs and the pauses between turns are exact.
 */
class InterleavedTest {
  private static final long US = 1_000;
  private static final long MS = 1_000_000;
  private static final Duration TURN = Duration.ofMillis(15);
  private static final Duration WARMUP = Duration.ofMillis(600);
  private static final Duration SAMPLE = Duration.ofMillis(300);

  /** The fake clock: the samples start at 1,800 ms, after the 600 ms warm-up. */
  private final AtomicLong clock = new AtomicLong(1_200 * MS);
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Which lane started each turn, in order ("row" or "raw"). */
  private final List<String> turns = Collections.synchronizedList(new ArrayList<>());
  /** Every turn's length on the fake clock, nanoseconds. */
  private final List<Long> turnLengths = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  private Interleaved interleaved(long stallNanos) {
    return new Interleaved(clock::get, TURN, WARMUP, SAMPLE, 3, stallNanos, -1);
  }

  /**
   * An in-memory lane on a thread of its own (its "I/O thread"): each round trip moves the fake
   * clock by {@code rtt} of the moment it starts.
   */
  private class FakeLane implements Interleaved.Lane {
    private final String name;
    private final Interleaved.Echoes echoes;
    private final LongUnaryOperator rtt;
    private final ExecutorService io;
    /** Turns after which the lane stops echoing (it stalls), or -1. */
    private final int stallAfter;
    private int sent;

    FakeLane(String name, Interleaved.Echoes echoes, LongUnaryOperator rtt, int stallAfter) {
      this.name = name;
      this.echoes = echoes;
      this.rtt = rtt;
      this.stallAfter = stallAfter;
      this.io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-" + name + "-io");
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public void send() {
      if (inFlight.incrementAndGet() != 1) {
        problems.add(name + " was kicked while a message was in flight");
      }
      turns.add(name);
      if (++sent == stallAfter) {
        return;
      }
      io.execute(() -> {
        long start = clock.get();
        while (true) {
          long now = clock.addAndGet(rtt.applyAsLong(clock.get()));
          inFlight.decrementAndGet(); // the echo is in
          if (echoes.echoed() == 0) {
            // (after the hand-back: the run's last turn may be missing here)
            turnLengths.add(now - start);
            return;
          }
          if (inFlight.incrementAndGet() != 1) {
            problems.add(name + " sent while a message was in flight");
          }
        }
      });
    }

    /** Reports the end of the connection on the lane's thread. */
    void fail(Throwable why) {
      io.execute(() -> echoes.failed(why));
    }

    @Override
    public void close() {
      io.shutdownNow();
    }
  }

  /**
   * A round trip on a machine that is slow (x{@code slow}) in the first {@code slowNanos} of
   * every period.
   *
   * @return {@code nanos} at the moment {@code now}, in the machine's mode then
   */
  private static long machine(long nanos, long now, long periodNanos, long slowNanos,
      double slow) {
    return Math.floorMod(now, periodNanos) < slowNanos ? (long) (nanos * slow) : nanos;
  }

  private Interleaved.Figures run(LongUnaryOperator rowRtt, LongUnaryOperator rawRtt)
      throws Exception {
    Interleaved.Figures f = interleaved(TimeUnit.SECONDS.toNanos(10)).run(
        e -> new FakeLane("row", e, rowRtt, -1), e -> new FakeLane("raw", e, rawRtt, -1));
    assertEquals(List.of(), problems);
    return f;
  }

  @Test
  void aRowFivePercentOverRawIsX105ThoughTheMachineIsSlowForMostOfEverySample() throws Exception {
    // The machine is 3.5x slower for the first 255 ms of every 300 ms, a sample's length: raw
    // TCP measured before or after the row, or in halves of a sample (the row's p50 in the
    // slow mode, raw TCP's in the fast one), would be x3.68.
    LongUnaryOperator raw = now -> machine(20 * US, now, SAMPLE.toNanos(), 255 * MS, 3.5);
    LongUnaryOperator row = now -> machine(21 * US, now, SAMPLE.toNanos(), 255 * MS, 3.5);
    Interleaved.Figures f = run(row, raw);
    for (double ratio : f.ratio()[0].values()) {
      assertEquals(1.05, ratio, 0.01, "each sample's p50 ratio");
    }
    assertEquals(1.05, f.ratio()[0].median(), 0.01);
    assertEquals(3, f.row()[0].values().length);
  }

  @Test
  void aRowFivePercentOverRawIsX105WhenTheMachineFlipsWithinTurns() throws Exception {
    // Slow for 6 of every 7 ms: most round trips of every turn are slow ones.
    LongUnaryOperator raw = now -> machine(20 * US, now, 7 * MS, 6 * MS, 3.5);
    LongUnaryOperator row = now -> machine(21 * US, now, 7 * MS, 6 * MS, 3.5);
    Interleaved.Figures f = run(row, raw);
    assertEquals(1.05, f.ratio()[0].median(), 0.02);
    assertEquals(70, f.raw()[0].median(), 0.5, "raw p50 in the slow mode, us");
  }

  @Test
  void rawAgainstItselfIsX100() throws Exception {
    LongUnaryOperator same = now -> machine(20 * US, now, 97 * MS, 40 * MS, 3.5);
    Interleaved.Figures f = run(same, same);
    for (int p = 0; p < 3; p++) {
      assertEquals(1.0, f.ratio()[p].median(), 0.01, "percentile " + p);
    }
  }

  @Test
  void theKickAndTheRoundTripsSettlingAfterItAreNeverRecorded() throws Exception {
    // Every round trip takes 100 us, but the kick (sent after the pause) 5 ms and the two
    // after it 1 ms: with about 80 round trips a turn, any of them recorded would show in p99.
    int[] inTurn = new int[2];
    LongUnaryOperator[] lanes = new LongUnaryOperator[2];
    for (int i = 0; i < 2; i++) {
      int lane = i;
      lanes[i] = now -> {
        // A lane's turn starts when its sent count moves; track its position in the turn.
        int n = inTurn[lane]++;
        return n == 0 ? 5 * MS : n <= Interleaved.SETTLE ? MS : 100 * US;
      };
    }
    Interleaved.Figures f = interleaved(TimeUnit.SECONDS.toNanos(10)).run(
        e -> new FakeLane("row", e, now -> lanes[0].applyAsLong(now), -1) {
          @Override
          public void send() {
            inTurn[0] = 0;
            super.send();
          }
        },
        e -> new FakeLane("raw", e, now -> lanes[1].applyAsLong(now), -1) {
          @Override
          public void send() {
            inTurn[1] = 0;
            super.send();
          }
        });
    assertEquals(List.of(), problems);
    for (int p = 0; p < 3; p++) {
      for (double v : f.row()[p].values()) {
        assertEquals(100, v, 1e-9, "row percentile " + p + ", us");
      }
      for (double v : f.raw()[p].values()) {
        assertEquals(100, v, 1e-9, "raw percentile " + p + ", us");
      }
    }
  }

  @Test
  void lanesTakeTurnsOfTheTurnsLengthOneAtATime() throws Exception {
    Interleaved.Figures f = run(now -> 50 * US, now -> 30 * US);
    List<String> order = List.copyOf(turns);
    for (int i = 0; i < order.size(); i++) {
      assertEquals(i % 2 == 0 ? "row" : "raw", order.get(i), "turn " + i);
    }
    // A turn ends at the first echo once it has lasted TURN: at most one round trip over.
    for (long length : List.copyOf(turnLengths)) {
      assertTrue(length >= TURN.toNanos() && length <= TURN.toNanos() + 50 * US,
          "a turn of " + length + " ns");
    }
    // Three samples of 300 ms, each lane taking 15 ms turns in turn: 10 turns each per sample.
    assertEquals(30, f.turns());
    assertEquals(50, f.row()[0].median(), 1e-9);
    assertEquals(30, f.raw()[0].median(), 1e-9);
  }

  @Test
  void aTurnRecordsAtLeastAFewRoundTripsHoweverSlowTheyAre() throws Exception {
    // 1 MiB messages: 10 ms a round trip, longer than a turn once the kick and settling ones
    // are done; every turn still records MIN_ROUND_TRIPS.
    run(now -> 10 * MS, now -> 10 * MS);
    for (long length : List.copyOf(turnLengths)) {
      assertEquals((1 + Interleaved.SETTLE + Interleaved.MIN_ROUND_TRIPS) * 10 * MS, length);
    }
  }

  @Test
  void aLaneWhoseConnectionEndsFailsTheRunWithItsReason() {
    FakeLane[] raw = new FakeLane[1];
    AtomicInteger rowTurns = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> interleaved(TimeUnit.SECONDS.toNanos(10)).run(
            echoes -> new FakeLane("row", echoes, now -> 20 * US, -1) {
              @Override
              public void send() {
                if (rowTurns.incrementAndGet() == 5) {
                  raw[0].fail(new IOException("reset by the test"));
                }
                super.send();
              }
            },
            echoes -> raw[0] = new FakeLane("raw", echoes, now -> 20 * US, -1)));
    assertEquals("the raw TCP connection ended during the scenario: reset by the test",
        e.getMessage());
  }

  @Test
  void aLaneThatStopsEchoingFailsTheRunAfterTheStallTime() {
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> interleaved(TimeUnit.MILLISECONDS.toNanos(300)).run(
            echoes -> new FakeLane("row", echoes, now -> 20 * US, 4),
            echoes -> new FakeLane("raw", echoes, now -> 20 * US, -1)));
    assertTrue(e.getMessage().startsWith("no echo on the row's connection for "), e.getMessage());
    long took = System.nanoTime() - t0;
    assertTrue(took >= 300 * MS && took < 5_000 * MS, "gave up after " + took / MS + " ms");
  }

  @Test
  void aReferenceThatCannotOpenFailsTheRunAndClosesTheRow() {
    AtomicInteger closed = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> interleaved(TimeUnit.SECONDS.toNanos(10)).run(
            echoes -> new FakeLane("row", echoes, now -> 20 * US, -1) {
              @Override
              public void close() {
                closed.incrementAndGet();
                super.close();
              }
            },
            echoes -> {
              throw new IOException("Connection refused");
            }));
    assertEquals("could not open the raw TCP connection: java.io.IOException: Connection refused",
        e.getMessage());
    assertEquals(1, closed.get());
  }
}
