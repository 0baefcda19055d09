package dev.duplex.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a run ran on: CPU, memory, OS, JVM, limits, load, and the commit it was built from.
 *
 * <p>Threading: stateless.
 */
final class Machine {
  private Machine() {}

  /**
   * @param plan the run's plan
   * @param commandLine the harness's arguments
   * @return what the run ran on and how, in display order
   */
  static Map<String, String> describe(Plan plan, String commandLine) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("date", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
        .substring(0, 16));
    m.put("cpu", cpuModel() + " x " + Runtime.getRuntime().availableProcessors() + " cpus");
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      long total = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
      m.put("memory", (total >> 20) / 1024.0 > 1 ? String.format(Locale.ROOT, "%.1f GiB",
          total / (double) (1L << 30)) : (total >> 20) + " MiB");
    }
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("open-file limit", "harness " + Worker.fdLimit(0) + ", hard " + Worker.fdLimit(1)
        + " (the server and workers raise theirs to the hard limit, which cannot be raised"
        + " without privileges this harness may not have)");
    String idle = Kernel.cpuIdle();
    if (idle != null) {
      m.put("cpu idle", idle);
    }
    m.put("mode", plan.mode() + ": warm-up " + plan.warmup().toMillis() + " ms, "
        + plan.samples() + " samples of " + plan.sample().toMillis() + " ms");
    m.put("command", "java -jar bench/target/duplex-bench.jar " + commandLine);
    m.put("source", gitDescription());
    m.put("load average at start", loadAverage() + " (1/5/15 min)");
    return m;
  }

  /** @return the commit the run was built from, as git describes the working tree */
  private static String gitDescription() {
    try {
      Process git = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
          .redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? "commit " + out
          : "unknown (not a git checkout)";
    } catch (IOException e) {
      return "unknown (no git)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
    return System.getProperty("os.arch");
  }

  /** @return the 1, 5 and 15 minute load averages, or "unknown" */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
