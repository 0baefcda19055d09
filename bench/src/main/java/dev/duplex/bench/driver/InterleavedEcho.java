package dev.duplex.bench.driver;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Echo throughput, many messages in flight, of a row's connection and of a raw-TCP connection
 * through the same server, measured in alternating turns in one JVM: a turn of the row's
 * pipelined echo, a turn of raw TCP's, and so on through the warm-up and every sample. This
 * virtual machine's speed changes from one second to the next (see {@link Interleaved}), so raw
 * TCP's throughput measured before or after a row says little of the row's share of it; measured
 * in turns, both lanes meet the same mix of fast and slow moments, and the ratio of their
 * throughputs in a sample is the row's share of raw TCP at the same moments.
 *
 * <p>A turn: the driver sends the lane's first message (the kick); from then on the lane sends
 * from the code that received an echo, on its own I/O thread. The kick's echo fills the pipeline
 * at once ({@code inFlight} in flight), then each echo sends one message. Once a whole pipeline's
 * worth of echoes more has come back (every message then in flight was sent into a full
 * pipeline), the measured window opens at that echo. It closes at the first echo once it has
 * been open for {@link #TURN} (and counted {@link #MIN_ECHOES}); the lane then sends nothing
 * more, and when the last echo in flight is back (the pipeline drained) it hands back to the
 * driver, which kicks the other lane. So no turn overlaps another, and the kick, the fill, the
 * settling and the drain are never measured: a lane's figure for a sample is the echoes counted
 * in its windows over the windows' summed length, and the sample's ratio the row's figure over
 * raw TCP's. The lanes go row, raw, raw, row, row, raw, ... so that neither always follows the
 * other.
 *
 * <p>Why turns of {@link #TURN}, and two connections per lane: here a 1 MiB turn's rate moves by
 * a factor of two from one turn to the next and adjacent turns agree far better than distant
 * ones (their rates correlate at about 0.8 for 30 ms windows), so short turns pair each row turn
 * with raw TCP at nearly the same moment, and the ratio then needs many turns rather than long
 * ones. With one connection per lane, raw TCP against raw TCP came out at x1.12, x1.07 and
 * x1.14 in three quick runs in a row (the first-opened lane faster each time) and x0.99 in a
 * fourth: something tied to a connection (the server's event loop it landed on, its TCP state)
 * lasts through a run. So each lane has two connections, opened row, raw, raw, row so that each
 * lane gets one of each of two adjacent server event loops, and its turns alternate between them.
 *
 * <p>Threading: {@link #run} on one driver thread (the worker's main thread). Each lane calls its
 * {@link Interleaved.Echoes} on its own I/O thread. At most one lane has messages in flight at
 * any time: a lane's turn starts when the driver kicks it and ends when its I/O thread hands
 * back through a semaphore, after its last echo, which also publishes what that thread counted
 * to the driver.
 */
final class InterleavedEcho {
  /**
   * How long a turn's measured window lasts: several pipelines' worth (a 1 MiB echo with 8 in
   * flight fills, settles and drains in 5 to 15 ms here), and short beside the machine's
   * changes of speed.
   */
  static final Duration TURN = Duration.ofMillis(30);
  /** A window counts at least this many echoes, however slow each is. */
  static final int MIN_ECHOES = 3;
  /**
   * Turns per lane in a sample, at least: one turn's rate is noisy (see the class comment), so
   * a sample pairs this many.
   */
  static final int MIN_SAMPLE_TURNS = 10;

  /**
   * What a run measured, one value per sample in each {@link Samples}.
   *
   * <p>Threading: immutable once built.
   *
   * @param row the row's echoes per second in its windows, with the CPU over its turns
   * @param raw raw TCP's echoes per second in its windows of the same samples, with its CPU
   * @param ratio the row's over raw TCP's, in each sample
   * @param pooled the row's over raw TCP's over all the samples' windows together: each lane's
   *     echoes in them over their summed length. The figure to judge by: one turn's rate is
   *     noisy (see the class comment), and pooling every pair of turns halves the error of the
   *     median of a few samples' ratios
   * @param turns turns per lane over the samples
   */
  record Figures(Samples row, Samples raw, Samples ratio, double pooled, int turns) {}

  private final LongSupplier clock;
  private final long turnNanos;
  private final int inFlight;
  private final int warmupTurns;
  private final int sampleTurns;
  private final int samples;
  private final long stallNanos;
  private final long serverPid;

  /**
   * Each lane gets at least the plan's warm-up and sample length of measured window: as many
   * turns of {@link #TURN} as it takes, and {@link #MIN_SAMPLE_TURNS} a sample at least.
   *
   * @param inFlight messages in flight once the pipeline is full
   * @param warmup how long each lane echoes in its windows before recording
   * @param sample how long each lane's windows last in each sample, at least
   * @param samples how many samples
   * @param serverPid the server's pid, for its CPU time (-1 if none)
   */
  InterleavedEcho(int inFlight, Duration warmup, Duration sample, int samples, long serverPid) {
    this(System::nanoTime, TURN, inFlight, turnsFor(warmup, TURN),
        Math.max(MIN_SAMPLE_TURNS, turnsFor(sample, TURN)), samples, Driver.STALL_NANOS,
        serverPid);
  }

  /**
   * @param clock nanoseconds, {@link System#nanoTime} but in tests
   * @param turn how long a turn's measured window lasts
   * @param inFlight messages in flight once the pipeline is full
   * @param warmupTurns turns per lane before recording
   * @param sampleTurns turns per lane in each sample
   * @param samples how many samples
   * @param stallNanos how long a turn may wait for an echo before the run fails
   * @param serverPid the server's pid, for its CPU time (-1 if none)
   */
  InterleavedEcho(LongSupplier clock, Duration turn, int inFlight, int warmupTurns,
      int sampleTurns, int samples, long stallNanos, long serverPid) {
    if (inFlight < 1 || sampleTurns < 1 || samples < 1) {
      throw new IllegalArgumentException("in flight " + inFlight + ", " + sampleTurns
          + " turns a sample, " + samples + " samples");
    }
    this.clock = clock;
    this.turnNanos = turn.toNanos();
    this.inFlight = inFlight;
    this.warmupTurns = warmupTurns;
    this.sampleTurns = sampleTurns;
    this.samples = samples;
    this.stallNanos = stallNanos;
    this.serverPid = serverPid;
  }

  /** @return how many turns of {@code turn} last {@code length} at least (one at least) */
  static int turnsFor(Duration length, Duration turn) {
    return (int) Math.max(1, (length.toNanos() + turn.toNanos() - 1) / turn.toNanos());
  }

  /**
   * Opens both lanes (the row's first), takes turns through the warm-up and the samples, and
   * closes them.
   *
   * @param row opens the row's connection
   * @param raw opens the raw-TCP connection
   * @return both lanes' echoes per second and their ratios, per sample
   * @throws IllegalStateException if a connection ended, or no echo came for the stall time
   */
  Figures run(Interleaved.Opener row, Interleaved.Opener raw) throws Exception {
    Side r = new Side("the row's connection");
    Side t = new Side("the raw TCP connection");
    // Opened row, raw, raw, row: the server hands connections to its event loops in turn, so
    // each lane gets one of each of two adjacent ones.
    try (Interleaved.Lane rowA = row.open(r); Interleaved.Lane rawA = open(raw, t);
        Interleaved.Lane rawB = open(raw, t); Interleaved.Lane rowB = row.open(r)) {
      r.lanes = new Interleaved.Lane[] {rowA, rowB};
      t.lanes = new Interleaved.Lane[] {rawA, rawB};
      int pairs = 0;
      for (int i = 0; i < warmupTurns; i++) {
        pair(pairs++, r, t, null, null);
      }
      double[] rowRates = new double[samples];
      double[] rawRates = new double[samples];
      double[] ratios = new double[samples];
      Cpu.Share rowCpu = new Cpu.Share(serverPid);
      Cpu.Share rawCpu = new Cpu.Share(serverPid);
      long[] rowTotal = new long[2];
      long[] rawTotal = new long[2];
      for (int s = 0; s < samples; s++) {
        r.clear();
        t.clear();
        for (int i = 0; i < sampleTurns; i++) {
          pair(pairs++, r, t, rowCpu, rawCpu);
        }
        rowRates[s] = r.rate();
        rawRates[s] = t.rate();
        r.addTo(rowTotal);
        t.addTo(rawTotal);
        ratios[s] = rowRates[s] / rawRates[s];
      }
      return new Figures(new Samples(rowRates, rowCpu.client(), rowCpu.server()),
          new Samples(rawRates, rawCpu.client(), rawCpu.server()),
          new Samples(ratios, rowCpu.client(), rowCpu.server()),
          ((double) rowTotal[0] / rowTotal[1]) / ((double) rawTotal[0] / rawTotal[1]),
          samples * sampleTurns);
    }
  }

  /**
   * One turn of each lane, the row's first in the run's even pairs and raw TCP's first in odd ones (row,
   * raw, raw, row, ...), so that neither lane always follows the other: a steady drift of the
   * machine's speed, or whatever a turn leaves behind for the next one, falls on both alike.
   */
  private static void pair(int i, Side row, Side raw, Cpu.Share rowCpu, Cpu.Share rawCpu)
      throws InterruptedException {
    if (i % 2 == 0) {
      row.turn(rowCpu);
      raw.turn(rawCpu);
    } else {
      raw.turn(rawCpu);
      row.turn(rowCpu);
    }
  }

  private static Interleaved.Lane open(Interleaved.Opener opener, Side side) throws Exception {
    try {
      return opener.open(side);
    } catch (Exception e) {
      throw new IllegalStateException("could not open " + side.name + ": " + e, e);
    }
  }

  /**
   * One lane's turns and measured windows.
   *
   * <p>Threading: {@link #turn}, {@link #clear} and {@link #rate} on the driver's thread, only
   * between turns; {@link #echoed} and {@link #failed} on the lane's I/O thread. The driver's
   * writes reach the I/O thread through the volatile {@link #active} written before the kick;
   * the I/O thread's reach the driver through {@link #over}, released after the turn's last
   * echo.
   */
  private final class Side implements Interleaved.Echoes {
    final String name;
    private final Semaphore over = new Semaphore(0);
    /** The lane's connections, used in turn (both report here, one at a time). */
    Interleaved.Lane[] lanes;
    private int turns;
    /** Messages sent and echoes received in this turn. */
    private long sent;
    private long received;
    /** Echoes still to come, once the pipeline is full, before the window opens. */
    private long settling;
    private boolean measuring;
    private boolean draining;
    private long windowStart;
    private long windowEchoes;
    /** Echoes counted in windows, and the windows' summed length, since {@link #clear}. */
    private long echoes;
    private long nanos;
    private volatile boolean active;
    private volatile Throwable failure;

    Side(String name) {
      this.name = name;
    }

    /**
     * Runs one turn: kicks the lane and waits until it hands back, its pipeline drained.
     *
     * @param cpu adds up the CPU over the turn, or null
     */
    void turn(Cpu.Share cpu) throws InterruptedException {
      sent = 1;
      received = 0;
      settling = inFlight;
      measuring = false;
      draining = false;
      if (cpu != null) {
        cpu.start();
      }
      active = true;
      lanes[turns++ % lanes.length].send();
      Interleaved.awaitHandBack(over, stallNanos, name, () -> failure);
      if (cpu != null) {
        cpu.stop();
      }
    }

    @Override
    public int echoed() {
      long now = clock.getAsLong();
      if (!active) {
        failure = new IllegalStateException("an echo arrived outside the lane's turn");
        over.release();
        return 0;
      }
      received++;
      if (draining) {
        if (received == sent) {
          handBack();
        }
        return 0;
      }
      if (measuring) {
        windowEchoes++;
        if (now - windowStart >= turnNanos && windowEchoes >= MIN_ECHOES) {
          echoes += windowEchoes;
          nanos += now - windowStart;
          draining = true;
          if (received == sent) {
            handBack();
          }
          return 0;
        }
        sent++;
        return 1;
      }
      if (sent - received < inFlight - 1) {
        // The kick's echo: fill the pipeline at once.
        int n = (int) (inFlight - (sent - received));
        sent += n;
        return n;
      }
      if (--settling == 0) {
        // Full, and every message in flight was sent into a full pipeline: the window opens.
        measuring = true;
        windowStart = now;
        windowEchoes = 0;
      }
      sent++;
      return 1;
    }

    private void handBack() {
      active = false;
      over.release();
    }

    @Override
    public void failed(Throwable why) {
      failure = why;
      active = false;
      over.release();
    }

    /** Forgets the windows counted so far (the warm-up's, or the last sample's). */
    void clear() {
      echoes = 0;
      nanos = 0;
    }

    /** Adds the echoes counted ([0]) and the windows' length ([1]) since {@link #clear}. */
    void addTo(long[] total) {
      total[0] += echoes;
      total[1] += nanos;
    }

    /** @return echoes per second over the windows since {@link #clear} */
    double rate() {
      return echoes * 1e9 / nanos;
    }
  }
}
