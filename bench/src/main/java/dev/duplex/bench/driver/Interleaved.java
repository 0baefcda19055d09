package dev.duplex.bench.driver;

import dev.duplex.bench.Stats;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One-at-a-time latency of a row's connection and of a raw-TCP connection through the same
 * server, measured in alternating turns in one JVM: a turn of the row's ping-pong, a turn of raw
 * TCP's, and so on through the warm-up and every sample, each lane's round trips going into a
 * histogram of its own. On a virtual machine whose round trip is several times slower whenever
 * it wakes the other vCPU, and whose state changes from one second to the next, raw TCP measured
 * before or after a row meets another machine; measured in turns of {@link #TURN}, both lanes
 * meet the same mix of fast and slow moments, so the ratio of their percentiles in a sample is
 * the row's cost over raw TCP, whatever the machine did meanwhile.
 *
 * <p>A turn: the driver sends the lane's first message (the kick), and from then on the lane
 * sends each next message from the code that received the echo of the one before, on its own
 * I/O thread, as in a plain one-at-a-time loop; at the first echo received once the turn has
 * lasted {@link #TURN} (and recorded {@link #MIN_ROUND_TRIPS}) the lane sends nothing, hands
 * back to the driver, and the driver kicks the other lane. Only round trips sent by the lane
 * itself within the turn are recorded, and no round trip spans a pause: the kick's round trip
 * (sent from the driver's thread, after the lane sat idle through the other's turn) is not
 * recorded, nor are the {@link #SETTLE} after it.
 *
 * <p>Threading: {@link #run} on one driver thread (the worker's main thread). Each lane calls its
 * {@link Echoes} on its own I/O thread. At most one lane has a message in flight at any time: a
 * lane's turn starts when the driver kicks it and ends when its I/O thread hands back through a
 * semaphore, which also publishes what that thread recorded to the driver.
 */
final class Interleaved {
  /** How long a turn lasts: many round trips, and short beside the machine's changes of mode. */
  static final Duration TURN = Duration.ofMillis(15);
  /** A turn records at least this many round trips, however slow each is (1 MiB messages). */
  static final int MIN_ROUND_TRIPS = 3;
  /**
   * Round trips after the kick that are not recorded either: here the first two or three of a
   * turn take 25 to 50 us where the rest take 20 (the lane's threads and caches coming back
   * after the other lane's turn), which a loop that never pauses does not pay.
   */
  static final int SETTLE = 2;

  /**
   * One connection echoing messages of one size in turns: one at a time here, several in flight
   * in {@link InterleavedEcho}.
   *
   * <p>Threading: {@link #send} on the driver's thread, only while the lane has nothing in
   * flight (between its turns); {@link #close} on the driver's thread.
   */
  interface Lane extends AutoCloseable {
    /** Sends one message: the first of a turn. */
    void send();

    /** Closes the connection (nothing is in flight by then, unless the run failed). */
    @Override
    void close();
  }

  /**
   * What a lane tells of its connection.
   *
   * <p>Threading: called on the lane's I/O thread, one call at a time.
   */
  interface Echoes {
    /**
     * A whole echo arrived.
     *
     * @return how many messages to send at once, from the calling thread (here 1, the next
     *     message); 0 to send nothing until {@link Lane#send} (the turn is over)
     */
    int echoed();

    /** @param why the connection ended or failed */
    void failed(Throwable why);
  }

  /**
   * Opens a lane whose connection reports to the given {@link Echoes}.
   *
   * <p>Threading: called on the driver's thread, by {@link #run}.
   */
  @FunctionalInterface
  interface Opener {
    /** @param echoes to be told of each echo @return the open lane, idle */
    Lane open(Echoes echoes) throws Exception;
  }

  /**
   * What a run measured, one value per sample in each {@link Samples}.
   *
   * <p>Threading: immutable once built.
   *
   * @param row the row's p50, p99 and p99.9, microseconds
   * @param raw raw TCP's p50, p99 and p99.9 over the same turns, microseconds
   * @param ratio for each percentile, the row's over raw TCP's in each sample
   * @param turns turns per lane over the samples
   */
  record Figures(Samples[] row, Samples[] raw, Samples[] ratio, int turns) {}

  private static final double[] PERCENTILES = {50, 99, 99.9};

  private final LongSupplier clock;
  private final long turnNanos;
  private final long warmupNanos;
  private final long sampleNanos;
  private final int samples;
  private final long stallNanos;
  private final long serverPid;

  /**
   * @param warmup how long to take turns before recording
   * @param sample how long each sample takes turns (each lane gets about half)
   * @param samples how many samples
   * @param serverPid the server's pid, for its CPU time (-1 if none)
   */
  Interleaved(Duration warmup, Duration sample, int samples, long serverPid) {
    this(System::nanoTime, TURN, warmup, sample, samples, Driver.STALL_NANOS, serverPid);
  }

  /**
   * @param clock nanoseconds, {@link System#nanoTime} but in tests
   * @param turn how long a turn lasts
   * @param warmup how long to take turns before recording
   * @param sample how long each sample takes turns
   * @param samples how many samples
   * @param stallNanos how long a turn may wait for an echo before the run fails
   * @param serverPid the server's pid, for its CPU time (-1 if none)
   */
  Interleaved(LongSupplier clock, Duration turn, Duration warmup, Duration sample, int samples,
      long stallNanos, long serverPid) {
    this.clock = clock;
    this.turnNanos = turn.toNanos();
    this.warmupNanos = warmup.toNanos();
    this.sampleNanos = sample.toNanos();
    this.samples = samples;
    this.stallNanos = stallNanos;
    this.serverPid = serverPid;
  }

  /**
   * Opens both lanes (the row's first), takes turns through the warm-up and the samples, and
   * closes them.
   *
   * @param row opens the row's connection
   * @param raw opens the raw-TCP connection
   * @return both lanes' percentiles and their ratios, per sample
   * @throws IllegalStateException if a connection ended, or no echo came for the stall time
   */
  Figures run(Opener row, Opener raw) throws Exception {
    Side r = new Side("the row's connection");
    Side t = new Side("the raw TCP connection");
    try (Lane rowLane = row.open(r); Lane rawLane = open(raw, t)) {
      r.lane = rowLane;
      t.lane = rawLane;
      long end = clock.getAsLong() + warmupNanos;
      do {
        r.turn();
        t.turn();
      } while (clock.getAsLong() - end < 0);
      double[][] rowValues = new double[3][samples];
      double[][] rawValues = new double[3][samples];
      double[][] ratios = new double[3][samples];
      int turns = 0;
      Cpu cpu = new Cpu(serverPid);
      for (int s = 0; s < samples; s++) {
        r.clear();
        t.clear();
        end = clock.getAsLong() + sampleNanos;
        do {
          r.turn();
          t.turn();
          turns++;
        } while (clock.getAsLong() - end < 0);
        for (int p = 0; p < 3; p++) {
          rowValues[p][s] = r.percentile(PERCENTILES[p]);
          rawValues[p][s] = t.percentile(PERCENTILES[p]);
          ratios[p][s] = rowValues[p][s] / rawValues[p][s];
        }
      }
      double c = cpu.client();
      double sc = cpu.server();
      Samples[] rowSamples = new Samples[3];
      Samples[] rawSamples = new Samples[3];
      Samples[] ratioSamples = new Samples[3];
      for (int p = 0; p < 3; p++) {
        rowSamples[p] = new Samples(rowValues[p], c, sc);
        rawSamples[p] = new Samples(rawValues[p], c, sc);
        ratioSamples[p] = new Samples(ratios[p], c, sc);
      }
      return new Figures(rowSamples, rawSamples, ratioSamples, turns);
    }
  }

  private static Lane open(Opener opener, Side side) throws Exception {
    try {
      return opener.open(side);
    } catch (Exception e) {
      throw new IllegalStateException("could not open " + side.name + ": " + e, e);
    }
  }

  /**
   * One lane's turns and round trips.
   *
   * <p>Threading: {@link #turn}, {@link #clear} and {@link #percentile} on the driver's thread,
   * only between turns; {@link #echoed} and {@link #failed} on the lane's I/O thread. The
   * driver's writes reach the I/O thread through the volatile {@link #active} written before the
   * kick; the I/O thread's reach the driver through {@link #over}.
   */
  private final class Side implements Echoes {
    final String name;
    private final Semaphore over = new Semaphore(0);
    Lane lane;
    private long[] times = new long[1 << 16];
    private int count;
    private int turnCount;
    private int unrecorded;
    private long sentAt;
    private long turnEnd;
    private volatile boolean active;
    private volatile Throwable failure;

    Side(String name) {
      this.name = name;
    }

    /** Runs one turn: kicks the lane and waits until it hands back. */
    void turn() throws InterruptedException {
      turnCount = 0;
      unrecorded = 1 + SETTLE;
      turnEnd = clock.getAsLong() + turnNanos;
      sentAt = clock.getAsLong();
      active = true;
      lane.send();
      awaitHandBack(over, stallNanos, name, () -> failure);
    }

    @Override
    public int echoed() {
      long now = clock.getAsLong();
      if (!active) {
        failure = new IllegalStateException("an echo arrived outside the lane's turn");
        over.release();
        return 0;
      }
      if (unrecorded > 0) {
        unrecorded--; // the kick, or one of the SETTLE after it
      } else {
        if (count == times.length) {
          times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = now - sentAt;
        turnCount++;
      }
      if (now - turnEnd >= 0 && turnCount >= MIN_ROUND_TRIPS) {
        active = false;
        over.release();
        return 0;
      }
      sentAt = clock.getAsLong();
      return 1;
    }

    @Override
    public void failed(Throwable why) {
      failure = why;
      active = false;
      over.release();
    }

    /** Forgets the round trips recorded so far (the warm-up's, or the last sample's). */
    void clear() {
      count = 0;
    }

    /** @return the nearest-rank percentile of the round trips since {@link #clear}, in us */
    double percentile(double p) {
      Arrays.sort(times, 0, count);
      return Stats.percentile(times, count, p) / 1e3;
    }
  }

  /**
   * Waits for a lane to hand its turn back through {@code over}; driver thread.
   *
   * @param failure how the lane ended, read once the turn is back (null if it did not)
   * @throws IllegalStateException if no hand-back comes within {@code stallNanos} (the connection
   *     stalled) or the lane ended during the turn
   */
  static void awaitHandBack(Semaphore over, long stallNanos, String name,
      Supplier<Throwable> failure) throws InterruptedException {
    if (!over.tryAcquire(stallNanos, TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("no echo on " + name + " for "
          + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s: the connection stalled");
    }
    Throwable f = failure.get();
    if (f != null) {
      throw new IllegalStateException(name + " ended during the scenario: " + f.getMessage(), f);
    }
  }
}
