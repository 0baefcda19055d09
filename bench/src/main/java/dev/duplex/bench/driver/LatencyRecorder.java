package dev.duplex.bench.driver;

import dev.duplex.bench.Plan;
import dev.duplex.bench.Stats;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Records round-trip times through a warm-up phase and then {@link Plan#samples()} timed
 * phases, and keeps each phase's p50, p99 and p99.9.
 *
 * <p>Threading: {@link #record} is called by one thread at a time (the echo loop); the result
 * is read after {@link #done()} completes, which publishes it.
 */
final class LatencyRecorder {
  private final Plan plan;
  private final long serverPid;
  private final double[][] percentiles; // [0]=p50 [1]=p99 [2]=p999, microseconds
  private final CompletableFuture<Samples[]> done = new CompletableFuture<>();
  private long[] times = new long[1 << 16];
  private int count;
  private int phase; // 0 = warm-up, 1..samples = measured
  private long phaseEnd;
  private Cpu cpu;

  LatencyRecorder(Plan plan, long serverPid) {
    this.plan = plan;
    this.serverPid = serverPid;
    this.percentiles = new double[3][plan.samples()];
    this.phaseEnd = System.nanoTime() + plan.warmup().toNanos();
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
    if (phase == plan.samples()) {
      double c = cpu.client();
      double s = cpu.server();
      done.complete(new Samples[] {new Samples(percentiles[0], c, s),
        new Samples(percentiles[1], c, s), new Samples(percentiles[2], c, s)});
      return false;
    }
    phase++;
    count = 0;
    phaseEnd = now + plan.sample().toNanos();
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
