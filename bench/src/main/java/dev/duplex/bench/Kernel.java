package dev.duplex.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Linux kernel settings that decide whether this machine can hold many connections at
 * once, read from {@code /proc}; a setting too low for a run is raised for the run (where the
 * harness may: it runs as root) with a message saying so, and restored after it. Nothing is
 * changed silently.
 *
 * <p>Threading: confined to the harness's main thread.
 */
final class Kernel implements AutoCloseable {
  /** The listen backlog {@code EchoServer} asks for. */
  static final int SERVER_BACKLOG = 4096;

  private final Map<String, String> restore = new LinkedHashMap<>();
  private final Consumer<String> say;

  /** @param say told every change and every problem, as a sentence */
  Kernel(Consumer<String> say) {
    this.say = say;
  }

  /**
   * Checks, and raises where needed, what holding {@code connections} at once (client and
   * server both on this machine) with up to {@code pendingHandshakes} being opened at a time
   * over {@code destinations} server addresses and ports takes.
   *
   * @return a sentence on what was checked, for the report
   * @throws IOException if the machine cannot hold them and the harness cannot change that
   */
  String prepare(int connections, int pendingHandshakes, int destinations) throws IOException {
    List<String> checked = new ArrayList<>();
    long files = number("fs.file-nr", 0) + 2L * connections + 20_000;
    atLeast("fs.file-max", files, "open files on the whole machine: both ends of every"
        + " connection and what is open already", checked);
    atLeast("net.core.somaxconn", SERVER_BACKLOG, "the echo servers' listen backlog", checked);
    atLeast("net.ipv4.tcp_max_syn_backlog", pendingHandshakes, "connections being opened at once",
        checked);
    if (Files.exists(path("net.netfilter.nf_conntrack_max"))) {
      atLeast("net.netfilter.nf_conntrack_max",
          number("net.netfilter.nf_conntrack_count", 0) + 2L * connections,
          "tracked connections, with room for the closed ones of the previous row", checked);
    }
    long ports = number("net.ipv4.ip_local_port_range", 1) - number("net.ipv4.ip_local_port_range", 0) + 1;
    long perDestination = (connections + destinations - 1L) / destinations;
    if (perDestination > ports) {
      throw new IOException(connections + " connections over " + destinations + " server"
          + " addresses need " + perDestination + " local ports per address, but"
          + " net.ipv4.ip_local_port_range has " + ports);
    }
    checked.add(String.format(Locale.ROOT, "ephemeral ports %,d per server address and port"
        + " (%,d needed)", ports, perDestination));
    return "kernel settings checked for " + String.format(Locale.ROOT, "%,d", connections)
        + " connections: " + String.join(", ", checked);
  }

  private void atLeast(String key, long needed, String what, List<String> checked)
      throws IOException {
    long now = number(key, 0);
    if (now >= needed) {
      checked.add(String.format(Locale.ROOT, "%s %,d (%,d needed)", key, now, needed));
      return;
    }
    String before = text(key);
    try {
      Files.writeString(path(key), Long.toString(needed));
    } catch (IOException e) {
      throw new IOException(key + " is " + now + ", below the " + needed + " needed for " + what
          + ", and the harness cannot raise it: " + e.getMessage(), e);
    }
    restore.putIfAbsent(key, before);
    say.accept(String.format(Locale.ROOT, "kernel: %s was %,d, below the %,d needed for %s;"
        + " set to %,d for this run (restored after it)", key, now, needed, what, needed));
    checked.add(String.format(Locale.ROOT, "%s raised to %,d", key, needed));
  }

  /** Puts back every setting {@link #prepare} changed. */
  @Override
  public void close() {
    restore.forEach((key, value) -> {
      try {
        Files.writeString(path(key), value);
        say.accept("kernel: " + key + " restored to " + value);
      } catch (IOException e) {
        say.accept("kernel: could not restore " + key + " to " + value + ": " + e.getMessage());
      }
    });
    restore.clear();
  }

  /**
   * @return how many threads (tasks) the kernel allows in all: the smaller of
   *     {@code kernel.pid_max} and {@code kernel.threads-max}; {@link Long#MAX_VALUE} if unknown
   */
  static long threadsAllowed() {
    long pidMax = read("kernel.pid_max", 0);
    long threadsMax = read("kernel.threads-max", 0);
    return Math.min(pidMax > 0 ? pidMax : Long.MAX_VALUE, threadsMax > 0 ? threadsMax : Long.MAX_VALUE);
  }

  /** @return threads running on the whole machine now (from /proc/loadavg), 0 if unknown */
  static long threadsInUse() {
    try {
      String tasks = Files.readString(Path.of("/proc/loadavg")).split(" ")[3];
      return Long.parseLong(tasks.substring(tasks.indexOf('/') + 1));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** @return the memory the kernel says is available for new work, bytes; -1 if unknown */
  static long memoryAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * @return the TCP sockets in use on the machine (IPv4 and IPv6) and the memory TCP holds,
   *     against the kernel's threshold for memory pressure, from {@code /proc/net/sockstat}
   */
  static String tcpSummary() {
    long v4 = sockstat("/proc/net/sockstat", "TCP:", "inuse");
    long v6 = sockstat("/proc/net/sockstat6", "TCP6:", "inuse");
    long tw = sockstat("/proc/net/sockstat", "TCP:", "tw");
    long pages = sockstat("/proc/net/sockstat", "TCP:", "mem");
    long pressure = read("net.ipv4.tcp_mem", 1);
    return String.format(Locale.ROOT, "TCP sockets in use %,d (IPv4 %,d, IPv6 %,d), %,d in"
        + " TIME_WAIT; TCP buffers %,d pages (the kernel's pressure threshold, net.ipv4.tcp_mem,"
        + " is %,d)", v4 + v6, v4, v6, tw, pages, pressure);
  }

  private static long sockstat(String file, String line, String field) {
    try {
      for (String l : Files.readAllLines(Path.of(file))) {
        if (l.startsWith(line)) {
          String[] f = l.substring(line.length()).trim().split("\\s+");
          for (int i = 0; i + 1 < f.length; i += 2) {
            if (f[i].equals(field)) {
              return Long.parseLong(f[i + 1]);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static Path path(String key) {
    return Path.of("/proc/sys", key.replace('.', '/'));
  }

  /** @return field {@code index} of a setting (whitespace-separated), -1 if unreadable */
  static long read(String key, int index) {
    try {
      return number(key, index);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * A setting's text, read in one go: a sysctl file answers only a read at its start (after one
   * byte, {@code Files.readString} would see the end of the file).
   */
  private static String text(String key) throws IOException {
    return text(path(key));
  }

  private static String text(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
  }

  /**
   * How an idle CPU waits, which decides what a one-at-a-time round trip costs on a virtual
   * machine: a halted vCPU is woken through the hypervisor.
   *
   * @return a sentence for the report, or null if {@code /sys} does not say
   */
  static String cpuIdle() {
    try {
      String driver = text(Path.of("/sys/devices/system/cpu/cpuidle/current_driver"));
      Path pollNs = Path.of("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
      if (!driver.equals("haltpoll") || !Files.exists(pollNs)) {
        return "cpuidle driver " + driver;
      }
      long ns = Long.parseLong(text(pollNs));
      return "cpuidle driver haltpoll, guest_halt_poll_ns " + ns + (ns > 0 ? ""
          : ": an idle vCPU halts at once and is woken through the hypervisor, so a one-at-a-time"
          + " round trip costs several times more when it wakes a thread on the other vCPU (see"
          + " the bench README)");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long number(String key, int index) throws IOException {
    String[] f = text(key).split("\\s+");
    try {
      return Long.parseLong(f[index]);
    } catch (RuntimeException e) {
      throw new IOException("cannot read " + key + ": " + String.join(" ", f), e);
    }
  }
}
