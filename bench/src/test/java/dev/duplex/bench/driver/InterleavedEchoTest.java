package dev.duplex.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The echo turns against in-memory pipelined lanes on a fake clock: each echo moves the clock by
 * what the lane's "machine" says an echo takes at that moment with a full pipeline, more while
 * the pipeline is not full (the fill and the drain), and the kick's echo pays the lane's wake-up
 * on top, so that counting any of those would move the figures.
 */
class InterleavedEchoTest {
  private static final long US = 1_000;
  private static final long MS = 1_000_000;
  private static final int IN_FLIGHT = 8;
  private static final int SAMPLE_TURNS = 10;

  private final AtomicLong clock = new AtomicLong();
  /** Messages in flight on both lanes together. */
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Which lane started each turn, in order ("row" or "raw"). */
  private final List<String> turns = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  private InterleavedEcho turns(long stallNanos) {
    return new InterleavedEcho(clock::get, Duration.ofMillis(30), IN_FLIGHT, 3, SAMPLE_TURNS, 3,
        stallNanos, -1);
  }

  /**
   * An in-memory pipelined echo on a thread of its own (its "I/O thread").
   */
  private class FakePipe implements Interleaved.Lane {
    private final String name;
    private final Interleaved.Echoes echoes;
    private final LongUnaryOperator service;
    private final long wake;
    private final int stallAfter;
    private final ExecutorService io;
    private int kicks;

    /**
     * @param service an echo's time with the pipeline full, at the given moment
     * @param wake what the kick's echo takes on top
     * @param stallAfter turns after which the lane stops echoing, or -1
     */
    FakePipe(String name, Interleaved.Echoes echoes, LongUnaryOperator service, long wake,
        int stallAfter) {
      this.name = name;
      this.echoes = echoes;
      this.service = service;
      this.wake = wake;
      this.stallAfter = stallAfter;
      this.io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-" + name + "-io");
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public void send() {
      if (inFlight.getAndIncrement() != 0) {
        problems.add(name + " was kicked while messages were in flight");
      }
      turns.add(name);
      if (++kicks == stallAfter) {
        return;
      }
      io.execute(() -> {
        int mine = 1;
        long extra = wake;
        while (mine > 0) {
          // A pipeline holding fewer than IN_FLIGHT goes that much slower per echo.
          clock.addAndGet(extra + service.applyAsLong(clock.get()) * IN_FLIGHT / mine);
          extra = 0;
          mine--;
          inFlight.decrementAndGet();
          int n = echoes.echoed();
          if (n > 0 && mine + n > IN_FLIGHT) {
            problems.add(name + " was asked for more than " + IN_FLIGHT + " in flight");
          }
          mine += n;
          inFlight.addAndGet(n);
        }
      });
    }

    void fail(Throwable why) {
      io.execute(() -> echoes.failed(why));
    }

    @Override
    public void close() {
      io.shutdownNow();
    }
  }

  /**
   * @return {@code nanos} at the moment {@code now}: {@code slow} times as long in the first
   *     {@code slowNanos} of every period
   */
  private static long machine(long nanos, long now, long periodNanos, long slowNanos,
      double slow) {
    return Math.floorMod(now, periodNanos) < slowNanos ? (long) (nanos * slow) : nanos;
  }

  private InterleavedEcho.Figures run(LongUnaryOperator row, long rowWake, LongUnaryOperator raw,
      long rawWake) throws Exception {
    InterleavedEcho.Figures f = turns(TimeUnit.SECONDS.toNanos(10)).run(
        e -> new FakePipe("row", e, row, rowWake, -1),
        e -> new FakePipe("raw", e, raw, rawWake, -1));
    assertEquals(List.of(), problems);
    return f;
  }

  @Test
  void countsOnlyTheFullPipelineNotTheKickTheFillOrTheDrain() throws Exception {
    // A steady machine: in the windows an echo takes exactly 1 ms (row) and 0.8 ms (raw), so
    // 1000/s and 1250/s; the row's kick takes 20 ms more than raw TCP's, and fill and drain are
    // slower still, so that counting any of them would lower the figures.
    InterleavedEcho.Figures f = run(now -> 1 * MS, 20 * MS, now -> 800 * US, 0);
    for (double v : f.row().values()) {
      assertEquals(1000, v, 1e-6);
    }
    for (double v : f.raw().values()) {
      assertEquals(1250, v, 1e-6);
    }
    assertEquals(0.8, f.ratio().median(), 1e-9);
    assertEquals(0.8, f.pooled(), 1e-9);
    assertEquals(3 * SAMPLE_TURNS, f.turns());
  }

  @Test
  void theRatioHoldsWhileTheMachineFlipsWithinTurns() throws Exception {
    // 4x slower for 3 ms of every 7 ms (an echo takes 10 or 12.5 us in the fast mode): both
    // lanes' figures move, their ratio does not.
    InterleavedEcho.Figures f = run(now -> machine(12_500, now, 7 * MS, 3 * MS, 4), 5 * MS,
        now -> machine(10_000, now, 7 * MS, 3 * MS, 4), 0);
    assertTrue(f.raw().median() < 0.7 * 100_000, "the machine's slow mode shows: " + f.raw());
    for (double ratio : f.ratio().values()) {
      assertEquals(0.8, ratio, 0.02, "each sample's ratio");
    }
    assertEquals(0.8, f.pooled(), 0.02);
  }

  @Test
  void theRatioHoldsWhenTheMachineIsSlowForMostOfEachSecond() throws Exception {
    // 3x slower for the first 700 ms of every second: raw TCP measured in the fast 300 ms and
    // the row in the slow 700 would come out at x0.27; in turns of 30 ms they meet the same mix.
    InterleavedEcho.Figures f = run(now -> machine(250 * US, now, 1000 * MS, 700 * MS, 3), 0,
        now -> machine(200 * US, now, 1000 * MS, 700 * MS, 3), 0);
    assertEquals(0.8, f.ratio().median(), 0.04);
    assertEquals(0.8, f.pooled(), 0.02);
  }

  @Test
  void theLanesTakeTurnsOneAtATime() throws Exception {
    run(now -> 100 * US, 0, now -> 100 * US, 0);
    assertEquals(2 * (3 + 3 * SAMPLE_TURNS), turns.size());
    // row, raw, raw, row, row, raw, ...: one lane at a time, neither always first.
    for (int i = 0; i < turns.size(); i++) {
      assertEquals((i + 1) / 2 % 2 == 0 ? "row" : "raw", turns.get(i), "turn " + i);
    }
  }

  @Test
  void aLaneThatStallsOrEndsFailsTheRun() {
    IllegalStateException stalled = assertThrows(IllegalStateException.class,
        () -> turns(200 * MS).run(e -> new FakePipe("row", e, now -> 100 * US, 0, 5),
            e -> new FakePipe("raw", e, now -> 100 * US, 0, -1)));
    assertTrue(stalled.getMessage().contains("no echo on the row's connection"),
        stalled.getMessage());
    IllegalStateException ended = assertThrows(IllegalStateException.class,
        () -> turns(TimeUnit.SECONDS.toNanos(10)).run(e -> new FakePipe("row", e,
            now -> 100 * US, 0, -1), e -> {
              FakePipe raw = new FakePipe("raw", e, now -> 100 * US, 0, -1);
              raw.fail(new IllegalStateException("closed by the server"));
              return raw;
            }));
    assertTrue(ended.getMessage().contains("closed by the server"), ended.getMessage());
  }
}
