package dev.duplex.bench.driver;

import dev.duplex.bench.Plan;
import dev.duplex.bench.Stats;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Records round-trip times through a warm-up phase and then a number of timed phases
 * ({@link Plan#samples()} unless said otherwise), and keeps each phase's p50, p99 and p99.9.
 *
 * <p>Threading: {@link #record} is called by one thread at a time (the echo loop); the result
 * is read after {@link #done()} completes, which publishes it.
 */
final class LatencyRecorder {
  private final Duration sample;
  private final int samples;
  private final long serverPid;
  private final double[][] percentiles; // [0]=p50 [1]=p99 [2]=p999, microseconds
  private final CompletableFuture<Samples[]> done = new CompletableFuture<>();
  private long[] times = new long[1 << 16];
  private int count;
  private int phase; // 0 = warm-up, 1..samples = measured
  private long phaseEnd;
  private Cpu cpu;

  /** A recorder with the plan's warm-up, sample length and number of samples. */
  LatencyRecorder(Plan plan, long serverPid) {
    this(plan.warmup(), plan.sample(), plan.samples(), serverPid);
  }

  /**
   * @param warmup how long to record nothing
   * @param sample the length of one timed phase
   * @param samples how many timed phases
   * @param serverPid the server's pid, for its CPU time
   */
  LatencyRecorder(Duration warmup, Duration sample, int samples, long serverPid) {
    this.sample = sample;
    this.samples = samples;
    this.serverPid = serverPid;
    this.percentiles = new double[3][samples];
    this.phaseEnd = System.nanoTime() + warmup.toNanos();
  }

  /**
   * @param rttNanos one round trip
   * @return true to go on, false when the last phase has ended
   */
  boolean record(long rttNanos) {
    if (phase > 0) {
      if (count == times.length) {
        times = Arrays.copyOf(times, count * 2);
      }
      times[count++] = rttNanos;
    }
    long now = System.nanoTime();
    if (now < phaseEnd) {
      return true;
    }
    if (phase > 0) {
      Arrays.sort(times, 0, count);
      percentiles[0][phase - 1] = Stats.percentile(times, count, 50) / 1e3;
      percentiles[1][phase - 1] = Stats.percentile(times, count, 99) / 1e3;
      percentiles[2][phase - 1] = Stats.percentile(times, count, 99.9) / 1e3;
    } else {
      cpu = new Cpu(serverPid);
    }
    if (phase == samples) {
      double c = cpu.client();
      double s = cpu.server();
      done.complete(new Samples[] {new Samples(percentiles[0], c, s),
        new Samples(percentiles[1], c, s), new Samples(percentiles[2], c, s)});
      return false;
    }
    phase++;
    count = 0;
    phaseEnd = now + sample.toNanos();
    return true;
  }

  /** @param failure why the loop stopped early */
  void fail(Throwable failure) {
    done.completeExceptionally(failure);
  }

  /** @return p50, p99 and p99.9 samples in microseconds, when the last phase ends */
  CompletableFuture<Samples[]> done() {
    return done;
  }
}
