package dev.duplex.bench.driver;

import dev.duplex.bench.server.Jvm;
import java.lang.management.ManagementFactory;

/**
 * CPU used by this JVM and by the server JVM over an interval, in cores.
 *
 * <p>Threading: one instance per interval, on one thread.
 */
final class Cpu {
  private final long serverPid;
  private final long wall0 = System.nanoTime();
  private final long self0 = selfNanos();
  private final long server0;

  Cpu(long serverPid) {
    this.serverPid = serverPid;
    this.server0 = serverPid > 0 ? Jvm.cpuNanos(serverPid) : -1;
  }

  private static long selfNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  /** @return cores this JVM used since construction, NaN if unknown */
  double client() {
    long now = selfNanos();
    return self0 < 0 || now < 0 ? Double.NaN : (double) (now - self0) / (System.nanoTime() - wall0);
  }

  /** @return cores the server used since construction, NaN if unknown */
  double server() {
    long now = serverPid > 0 ? Jvm.cpuNanos(serverPid) : -1;
    return server0 < 0 || now < 0 ? Double.NaN : (double) (now - server0) / (System.nanoTime() - wall0);
  }

  /**
   * CPU used by this JVM and by the server over chosen intervals only (one lane's turns, say),
   * summed, in cores over the intervals' summed length.
   *
   * <p>Threading: one thread.
   */
  static final class Share {
    private final long serverPid;
    private long wall;
    private long self;
    private long server;
    private long wall0;
    private long self0;
    private long server0;
    private boolean known = true;
    private boolean serverKnown = true;

    /** @param serverPid the server's pid, -1 if none */
    Share(long serverPid) {
      this.serverPid = serverPid;
    }

    /** Starts an interval. */
    void start() {
      server0 = serverPid > 0 ? Jvm.cpuNanos(serverPid) : -1;
      self0 = selfNanos();
      wall0 = System.nanoTime();
    }

    /** Ends the interval {@link #start} began and adds it up. */
    void stop() {
      long w = System.nanoTime();
      long c = selfNanos();
      long sv = serverPid > 0 ? Jvm.cpuNanos(serverPid) : -1;
      wall += w - wall0;
      self += c - self0;
      server += sv - server0;
      known &= self0 >= 0 && c >= 0;
      serverKnown &= server0 >= 0 && sv >= 0;
    }

    /** @return cores this JVM used over the intervals, NaN if unknown */
    double client() {
      return known && wall > 0 ? (double) self / wall : Double.NaN;
    }

    /** @return cores the server used over the intervals, NaN if unknown */
    double server() {
      return serverKnown && wall > 0 ? (double) server / wall : Double.NaN;
    }
  }
}
