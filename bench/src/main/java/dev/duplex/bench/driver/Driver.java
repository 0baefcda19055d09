package dev.duplex.bench.driver;

import dev.duplex.bench.Plan;
import dev.duplex.bench.Result;
import dev.duplex.bench.report.Format;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs the scenarios of a {@link Plan} against one client and turns samples into
 * {@link Result}s. Subclasses supply the traffic: {@link WsDriver} for every WebSocket client,
 * {@link RawTcpDriver} for the raw-TCP ceiling.
 *
 * <p>Threading: confined to the worker's main thread; subclasses document their own threads.
 */
public abstract class Driver implements AutoCloseable {
  /** No progress for this long fails a scenario instead of hanging it. */
  static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(15);

  protected final Plan plan;
  protected final Target target;
  private final String client;
  private final String kind;

  protected Driver(Plan plan, Target target, String client, String kind) {
    this.plan = plan;
    this.target = target;
    this.client = client;
    this.kind = kind;
  }

  /** Echo with many messages in flight; returns messages per second. */
  protected abstract Samples echo(int size, int inFlight) throws Exception;

  /**
   * Opens a connection that echoes messages of {@code size} bytes in turns, for
   * {@link #latency(int)} (one at a time) and the echo measured in turns with raw TCP (several
   * in flight): {@link Interleaved.Lane#send} sends one message, each echo is reported to
   * {@code echoes} on the client's I/O thread, and as many messages as it says are sent from
   * there at once.
   *
   * @param size the message size
   * @param inFlight the most messages the lane will have in flight (1 for latency)
   * @param echoes told of each whole echo
   * @return the open, idle lane
   */
  protected abstract Interleaved.Lane lane(int size, int inFlight, Interleaved.Echoes echoes)
      throws Exception;

  /** Server-to-client stream; returns bytes per second. */
  protected abstract Samples stream(int size) throws Exception;

  /** Opens connections; returns connections per second. */
  protected abstract Samples setup(int connections) throws Exception;

  /**
   * Opens {@code connections} connections (failing unless every one opens) and keeps them open
   * until the returned handle is closed.
   */
  protected abstract Held openIdle(int connections) throws Exception;

  /**
   * Idle connections held open by {@link #openIdle}.
   *
   * <p>Threading: {@link #open} and {@link #close} on the thread that opened them.
   */
  public interface Held extends AutoCloseable {
    /**
     * @return how many of the connections are open now: none of them has reported its end
     * @throws IOException if that cannot be found out
     */
    int open() throws IOException;

    /** Closes every connection (without waiting for closing handshakes). */
    @Override
    void close();
  }

  /**
   * Connections held open and what opening them cost this JVM, in totals (not per connection).
   *
   * <p>Threading: the thread that called {@link #hold}.
   *
   * @param held the connections
   * @param heap heap growth in bytes after full collections, three measurements
   * @param threads live threads added, three measurements
   */
  public record Holding(Held held, double[] heap, double[] threads) implements AutoCloseable {
    @Override
    public void close() {
      held.close();
    }
  }

  /** Opens and holds connections; returns heap bytes and threads per connection. */
  protected Samples[] idle(int connections) throws Exception {
    try (Holding h = hold(connections)) {
      return new Samples[] {perConnection(h.heap(), connections),
        perConnection(h.threads(), connections)};
    }
  }

  private static Samples perConnection(double[] totals, int connections) {
    double[] v = totals.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] /= connections;
    }
    return new Samples(v, Double.NaN, Double.NaN);
  }

  /**
   * Opens one connection and closes it (so that the client's shared machinery exists before the
   * baseline), takes the baseline, opens {@code connections} and measures their growth.
   *
   * @param connections how many to hold open
   * @return the connections, still open, and their cost; the caller closes it
   */
  public Holding hold(int connections) throws Exception {
    openIdle(1).close();
    Thread.sleep(300);
    Baseline baseline = new Baseline();
    Held held = openIdle(connections);
    try {
      double[][] growth = baseline.growth();
      return new Holding(held, growth[0], growth[1]);
    } catch (Exception | Error e) {
      held.close();
      throw e;
    }
  }

  /** @return every traffic scenario's results (idle ones run in their own JVMs) */
  public List<Result> runTraffic() {
    List<Result> out = new ArrayList<>();
    for (int size : plan.echoSizes()) {
      int window = plan.inFlightFor(size);
      if (plan.echoInTurns(size)) {
        out.add(echoInTurns(size, window));
        continue;
      }
      boolean big = size > 4096;
      String param = size(size) + " x" + window;
      progress("echo " + param);
      try {
        Samples s = echo(size, window);
        out.add(big ? result("echo", param, "MB/s", true, scale(s, size / 1e6))
            : result("echo", param, "msg/s", true, s));
      } catch (Exception | AssertionError e) {
        out.add(missing("echo", param, big ? "MB/s" : "msg/s", true, e));
      }
    }
    for (int size : plan.latencySizes()) {
      out.addAll(latency(size));
    }
    for (int size : plan.streamSizes()) {
      String param = size(size);
      progress("stream " + param);
      try {
        out.add(result("stream", param, "MB/s", true, scale(stream(size), 1e-6)));
      } catch (Exception | AssertionError e) {
        out.add(missing("stream", param, "MB/s", true, e));
      }
    }
    progress("setup");
    try {
      out.add(result("setup", "", "conn/s", true, setup(plan.setupConnections())));
    } catch (Exception | AssertionError e) {
      out.add(missing("setup", "", "conn/s", true, e));
    }
    return out;
  }

  /**
   * @param connections how many to hold open
   * @param fdLimit this JVM's open-file limit, or -1 if unknown
   * @param serverFdLimit the server's, or -1 if unknown
   * @return heap bytes and threads per idle connection
   */
  public List<Result> runIdle(int connections, long fdLimit, long serverFdLimit) {
    String param = String.format(Locale.ROOT, "%,d conns", connections);
    progress("idle " + param);
    long need = connections + 256L;
    String why = null;
    if (fdLimit > 0 && fdLimit < need) {
      why = "the client's open-file limit is " + fdLimit + " and cannot be raised here (hard limit);"
          + " " + connections + " connections need at least " + need;
    } else if (serverFdLimit > 0 && serverFdLimit < need) {
      why = "the server's open-file limit is " + serverFdLimit + " and cannot be raised here;"
          + " " + connections + " connections need at least " + need;
    }
    if (why != null) {
      return List.of(Result.missing(client, kind, "idle heap", param, "B/conn", false, why),
          Result.missing(client, kind, "idle threads", param, "threads/conn", false, why));
    }
    try {
      Samples[] s = idle(connections);
      return List.of(result("idle heap", param, "B/conn", false, s[0]),
          result("idle threads", param, "threads/conn", false, s[1]));
    } catch (Exception | AssertionError | OutOfMemoryError e) {
      return List.of(missing("idle heap", param, "B/conn", false, e),
          missing("idle threads", param, "threads/conn", false, e));
    }
  }

  /**
   * Warms up, then takes {@link Plan#samples()} rates of a growing counter.
   *
   * @param counter e.g. messages received so far
   * @return per-second rates
   */
  protected Samples sampleRate(LongSupplier counter) throws InterruptedException {
    return sampleRate(counter, () -> null);
  }

  /**
   * As {@link #sampleRate(LongSupplier)}, failing as soon as {@code closed} says why the
   * connection ended.
   *
   * @param counter e.g. messages received so far
   * @param closed null while the connection is open, else why it closed
   * @return per-second rates
   */
  protected Samples sampleRate(LongSupplier counter, Supplier<String> closed)
      throws InterruptedException {
    long warmEnd = System.nanoTime() + plan.warmup().toNanos();
    long last = counter.getAsLong();
    long lastProgress = System.nanoTime();
    while (System.nanoTime() < warmEnd) {
      Thread.sleep(50);
      long c = counter.getAsLong();
      if (c != last) {
        last = c;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
        throw new IllegalStateException("no progress for 15 s during warm-up");
      }
      failIfClosed(closed);
    }
    double[] rates = new double[plan.samples()];
    Cpu cpu = new Cpu(target.serverPid());
    for (int i = 0; i < rates.length; i++) {
      long c0 = counter.getAsLong();
      long t0 = System.nanoTime();
      TimeUnit.NANOSECONDS.sleep(plan.sample().toNanos());
      long c1 = counter.getAsLong();
      long t1 = System.nanoTime();
      // A sample without progress counts as zero (a busy machine can starve a short sample);
      // a connection without progress for STALL_NANOS fails the scenario.
      if (c1 != c0) {
        lastProgress = t1;
      } else if (t1 - lastProgress > STALL_NANOS) {
        throw new IllegalStateException("no message arrived for 15 s: the connection stalled");
      }
      failIfClosed(closed);
      rates[i] = (c1 - c0) * 1e9 / (t1 - t0);
    }
    return new Samples(rates, cpu.client(), cpu.server());
  }

  private static void failIfClosed(Supplier<String> closed) {
    String why = closed.get();
    if (why != null) {
      throw new IllegalStateException("the connection ended during the scenario: " + why);
    }
  }

  /** Runs a batch of some units of work (messages, bytes, connections) and times it. */
  @FunctionalInterface
  protected interface Batch {
    /** @param units how many @return nanoseconds it took */
    long run(long units) throws Exception;
  }

  /**
   * Warms up with batches of {@code warmUnits}, then sizes each sample's batch from the
   * warm-up's rate so that a sample lasts about {@link Plan#sample()} (within
   * {@code minUnits..maxUnits}), whatever the speed of the client or the load on the machine.
   *
   * @return units per second, one per sample
   */
  protected Samples sampleBatches(long warmUnits, long minUnits, long maxUnits, Batch batch)
      throws Exception {
    long warmEnd = System.nanoTime() + plan.warmup().toNanos();
    long nanos;
    do {
      nanos = batch.run(warmUnits);
    } while (System.nanoTime() < warmEnd);
    double rate = warmUnits * 1e9 / Math.max(1, nanos);
    long units = Math.max(minUnits, Math.min(maxUnits,
        (long) (rate * plan.sample().toNanos() / 1e9)));
    double[] rates = new double[plan.samples()];
    Cpu cpu = cpu();
    for (int i = 0; i < rates.length; i++) {
      rates[i] = units * 1e9 / Math.max(1, batch.run(units));
    }
    return new Samples(rates, cpu.client(), cpu.server());
  }

  /**
   * The latency scenario at one size: this row's one-at-a-time ping-pong interleaved in turns
   * with raw TCP's through the same server (see {@link Interleaved}), in this JVM.
   *
   * @param size the message size
   * @return p50, p99 and p99.9, each with raw TCP's figure over the same turns and the ratio
   */
  List<Result> latency(int size) {
    return latency(size, echoes -> RawTcpDriver.lane(target, size, 1, echoes));
  }

  /**
   * As {@link #latency(int)}, with the reference lane given (tests use an in-memory one).
   *
   * @param size the message size
   * @param reference opens the raw-TCP lane
   * @return p50, p99 and p99.9, each with the reference's figure over the same turns and the
   *     ratio
   */
  List<Result> latency(int size, Interleaved.Opener reference) {
    String param = size(size);
    String[] names = {"latency p50", "latency p99", "latency p99.9"};
    progress("latency " + param + ", in turns with raw TCP");
    List<Result> out = new ArrayList<>();
    try {
      // Each lane gets about half of each interleaved period: double them, so that each gets
      // the plan's warm-up and sample length.
      Interleaved.Figures f = new Interleaved(plan.warmup().multipliedBy(2),
          plan.sample().multipliedBy(2), plan.samples(), target.serverPid())
          .run(echoes -> lane(size, 1, echoes), reference);
      for (int i = 0; i < 3; i++) {
        Samples s = f.row()[i];
        double raw = f.raw()[i].median();
        Samples ratio = f.ratio()[i];
        String note = turnsNote(raw, "us", f.turns(), ratio);
        out.add(new Result(client, kind, names[i], param, "us", false, s.median(), s.min(),
            s.max(), s.values().length, s.clientCpu(), s.serverCpu(), note, raw,
            ratio.median()));
      }
    } catch (Exception | AssertionError e) {
      for (String n : names) {
        out.add(missing(n, param, "us", false, e));
      }
    }
    return out;
  }

  /**
   * The echo scenario at one size, measured in turns with raw TCP's echo through the same server
   * (see {@link InterleavedEcho}), in this JVM: the row's throughput in its turns, with raw TCP's
   * in the same turns and the ratio.
   *
   * @param size the message size
   * @param inFlight messages in flight
   * @return the row's figure (msg/s, MB/s above 4 KiB), with raw TCP's and the ratio
   */
  Result echoInTurns(int size, int inFlight) {
    return echoInTurns(size, inFlight,
        echoes -> RawTcpDriver.lane(target, size, inFlight, echoes));
  }

  /**
   * As {@link #echoInTurns(int, int)}, with the reference lane given (tests use an in-memory
   * one).
   *
   * @param size the message size
   * @param inFlight messages in flight
   * @param reference opens the raw-TCP lane
   * @return the row's figure, with the reference's over the same turns and the ratio
   */
  Result echoInTurns(int size, int inFlight, Interleaved.Opener reference) {
    boolean big = size > 4096;
    String unit = big ? "MB/s" : "msg/s";
    String param = size(size) + " x" + inFlight;
    progress("echo " + param + ", in turns with raw TCP");
    try {
      InterleavedEcho.Figures f = new InterleavedEcho(inFlight, plan.warmup(), plan.sample(),
          plan.samples(), target.serverPid()).run(echoes -> lane(size, inFlight, echoes), reference);
      double scale = big ? size / 1e6 : 1;
      Samples s = scale(f.row(), scale);
      double raw = f.raw().median() * scale;
      Samples ratio = f.ratio();
      String note = turnsNote(raw, unit, f.turns(), ratio);
      return new Result(client, kind, "echo", param, unit, true, s.median(), s.min(), s.max(),
          s.values().length, s.clientCpu(), s.serverCpu(), note, raw, f.pooled());
    } catch (Exception | AssertionError e) {
      return missing("echo", param, unit, true, e);
    }
  }

  /**
   * @return the note of a figure measured in turns with raw TCP: raw TCP's figure, the turns
   *     and the samples' lowest and highest ratio
   */
  private static String turnsNote(double raw, String unit, int turns, Samples ratio) {
    return "raw TCP " + Format.human(raw) + " " + unit + " in the same turns (" + turns
        + " each), samples " + Format.times(ratio.min()) + " to " + Format.times(ratio.max());
  }

  /** @return a fresh CPU meter for this run's server */
  protected Cpu cpu() {
    return new Cpu(target.serverPid());
  }

  /** Heap and threads before idle connections open; their growth after. */
  private static final class Baseline {
    private final long heap;
    private final int threads;

    /** Takes the snapshot (after full collections). */
    Baseline() throws InterruptedException {
      heap = heapAfterGc();
      threads = threads();
    }

    /**
     * Lets the connections settle, then takes three measurements.
     *
     * @return heap bytes ([0]) and threads ([1]) added since the snapshot, three samples each
     */
    double[][] growth() throws InterruptedException {
      Thread.sleep(500);
      double[][] g = new double[2][3];
      for (int i = 0; i < 3; i++) {
        g[0][i] = heapAfterGc() - heap;
        g[1][i] = threads() - threads;
      }
      return g;
    }
  }

  /** Heap in use after full collections, bytes. */
  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** @return live threads of this JVM */
  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  static Samples scale(Samples s, double factor) {
    double[] v = s.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return new Samples(v, s.clientCpu(), s.serverCpu());
  }

  private Result result(String scenario, String param, String unit, boolean higher, Samples s) {
    return new Result(client, kind, scenario, param, unit, higher, s.median(), s.min(), s.max(),
        s.values().length, s.clientCpu(), s.serverCpu(), "");
  }

  private Result missing(String scenario, String param, String unit, boolean higher, Throwable e) {
    String why = e.getClass().getSimpleName() + ": " + e.getMessage();
    System.err.println("  " + client + ": " + scenario + " " + param + " failed: " + why);
    return Result.missing(client, kind, scenario, param, unit, higher, "failed: " + why);
  }

  private void progress(String what) {
    System.err.println("  " + client + ": " + what);
  }

  /**
   * @param bytes a message size
   * @return e.g. {@code 32 B}, {@code 4 KiB}, {@code 1 MiB}
   */
  public static String size(long bytes) {
    if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " B";
  }

  @Override
  public abstract void close();
}
