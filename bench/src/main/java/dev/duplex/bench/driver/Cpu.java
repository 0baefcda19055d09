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
}
