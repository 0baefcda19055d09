package dev.duplex.bench;

import dev.duplex.bench.driver.Target;
import dev.duplex.bench.report.ChartWriter;
import dev.duplex.bench.report.CsvWriter;
import dev.duplex.bench.report.JsonWriter;
import dev.duplex.bench.report.Report;
import dev.duplex.bench.report.TableWriter;
import dev.duplex.bench.server.Jvm;
import dev.duplex.bench.server.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The harness: starts the echo server in its own JVM, runs every row in its own worker JVM
 * (traffic scenarios, then each idle-connection count in a fresh JVM), prints the table and
 * writes CSV, JSON, Markdown and a PNG chart.
 *
 * <p>Usage: {@code java -jar duplex-bench.jar [--quick|--full] [--out DIR] [--only id,id]
 * [--server-threads N] [--nice N] [--publish]}. {@code --publish} also writes
 * {@code bench/RESULTS.md} and {@code bench/results.png}; {@code --nice N} sets the run's
 * scheduler-group niceness (default -10: ahead of other work on a shared machine, where the
 * harness may; {@code --nice 0} leaves it; see {@link Priority}).
 *
 * <p>Threading: main thread only (plus one reader per worker process).
 */
public final class Main {
  /**
   * The run's scheduler-group niceness unless {@code --nice} says otherwise: ahead of other
   * sessions' builds on a shared machine, where the harness may (root); see {@link Priority}.
   */
  static final int DEFAULT_NICE = -10;

  /** Loopback addresses the server binds, so that connections spread their ephemeral ports. */
  static final int ADDRESSES = 64;

  private Main() {}

  /**
   * @param args see the class comment
   * @throws Exception if the server cannot start or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    Plan plan = Plan.quick();
    Path out = null;
    List<String> only = null;
    int serverThreads = 2;
    boolean publish = false;
    int nice = DEFAULT_NICE;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          plan = Plan.quick();
          break;
        case "--full":
          plan = Plan.full();
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--only":
          only = Arrays.asList(args[++i].split(","));
          break;
        case "--server-threads":
          serverThreads = Integer.parseInt(args[++i]);
          break;
        case "--publish":
          publish = true;
          break;
        case "--nice":
          nice = Integer.parseInt(args[++i]);
          break;
        default:
          System.err.println("Usage: java -jar duplex-bench.jar [--quick|--full] [--out DIR]"
              + " [--only id,id] [--server-threads N] [--nice N] [--publish]");
          System.exit(args[i].equals("--help") ? 0 : 2);
      }
    }
    Path benchDir = Files.isDirectory(Path.of("bench")) ? Path.of("bench") : Path.of(".");
    if (out == null) {
      out = benchDir.resolve("results").resolve(
          LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    Files.createDirectories(out);
    Integer oldGroupNice = nice == 0 ? null : Priority.raise(nice);
    Report report;
    try {
      report = run(plan, only, serverThreads, nice, String.join(" ", args), out.resolve("logs"));
    } finally {
      Priority.restore(oldGroupNice);
    }
    System.out.print(TableWriter.text(report));
    Files.writeString(out.resolve("results.csv"), CsvWriter.write(report));
    Files.writeString(out.resolve("results.json"), JsonWriter.write(report));
    Files.writeString(out.resolve("RESULTS.md"), markdown(report, "results.png"));
    ChartWriter.write(report, out.resolve("results.png"));
    System.out.println("\nWrote results.csv, results.json, RESULTS.md, results.png and the"
        + " clients' logs (logs/) in " + out);
    if (publish) {
      Files.writeString(benchDir.resolve("RESULTS.md"), markdown(report, "results.png"));
      ChartWriter.write(report, benchDir.resolve("results.png"));
      System.out.println("Published " + benchDir.resolve("RESULTS.md") + " and "
          + benchDir.resolve("results.png"));
    }
  }

  static String markdown(Report report, String png) {
    StringBuilder md = new StringBuilder("# Duplex bench results (" + report.mode() + " mode)\n\n");
    md.append("Reproduce from the repository's root:\n\n```\nmvn -B -ntp -q -pl bench -am package"
        + " -DskipTests && java -jar bench/target/duplex-bench.jar --" + report.mode()
        + " --publish\n```\n\n## Machine\n\n");
    for (Map.Entry<String, String> e : report.machine().entrySet()) {
      md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    md.append("\n## Method\n\n").append(METHOD).append("\n## Results\n\n![chart](").append(png)
        .append(")\n\n").append(TableWriter.markdown(report));
    return md.toString();
  }

  static final String METHOD = String.join("\n",
      "- One Netty 4.2 (NIO) WebSocket echo server in its own JVM on loopback serves every row;"
          + " raw TCP goes through the same Netty server (an echo handler without WebSocket), so"
          + " the gap between raw TCP and the best WebSocket row shows the server is not the"
          + " limit. The server's CPU while each figure was sampled is in the 'server cpu' column"
          + " (100% = one core).",
      "- Each row runs in a fresh worker JVM; idle-connection figures each in another fresh JVM.",
      "- Each figure is the median of the samples taken after a warm-up, with min and max;"
          + " every ratio compares figures of the same run. 'vs best peer' is how many times"
          + " better than the best of jdk, jetty, okhttp and netty (> 1 is better, for times and"
          + " memory too).",
      "- echo: binary messages over one connection, each echo triggering the next, with N in"
          + " flight (128, capped at 8 MiB in flight: 8 for 1 MiB). msg/s up to 4 KiB, MB/s"
          + " (10^6 bytes of echoed payload per second) above.",
      "- latency: one message at a time; p50/p99/p99.9 of the round trip in microseconds.",
      "- stream: the server sends binary messages as fast as the socket takes them; MB/s"
          + " received.",
      "- setup: WebSocket handshakes completed per second, 32 at a time, each closed once open.",
      "- idle heap / threads: N connections held open; heap in use after full GCs and live"
          + " threads, minus the figures before opening, divided by N. Heap only (Netty's"
          + " pooled direct memory is not counted).",
      "- api rows use the W3C API (one WebSocketContext, default event loop, ArrayBuffer"
          + " messages); spi rows drive the same transport's spi Connection directly, so api vs"
          + " spi is the cost of the W3C layer.",
      "");

  static Report run(Plan plan, List<String> only, int serverThreads, int nice,
      String commandLine, Path logs) throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Catalog.Discovery discovery = Catalog.discover();
    List<String> notes = new ArrayList<>();
    discovery.skipped().forEach((id, why) -> {
      if (only == null || only.contains(id)) {
        notes.add(Catalog.rowName(id) + " skipped: " + why);
        System.err.println(Catalog.rowName(id) + " skipped: " + why);
      }
    });
    List<String> ids = new ArrayList<>();
    for (String id : discovery.ids()) {
      if (only == null || only.contains(id)) {
        ids.add(id);
      }
    }
    Map<String, String> machine = machine(plan, commandLine);
    machine.put("cpu priority", nice == 0 ? "normal (no --nice): the run shares the CPUs with"
        + " other work on equal terms" : "the run's scheduler group at nice " + nice
        + " (ahead of other sessions' work)");
    List<Result> results = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start(serverThreads, ADDRESSES, nice)) {
      machine.put("server", "Netty 4.2 NIO WebSocket echo server, " + serverThreads
          + " event-loop threads, own JVM (pid " + server.pid() + "), open-file limit "
          + server.fdLimit());
      System.err.println("Started " + server);
      Target target = new Target(ADDRESSES, server.wsPort(), server.tcpPort(),
          server.tcpStreamPort(), server.pid());
      List<Integer> idle = idleCounts(plan, server.fdLimit(), notes);
      for (int round = 1; round <= plan.rounds(); round++) {
        int n = 0;
        for (String id : ids) {
          n++;
          System.err.printf(Locale.ROOT, "[round %d/%d, row %d/%d] %s%n", round, plan.rounds(), n,
              ids.size(), Catalog.rowName(id));
          List<String> parts = new ArrayList<>();
          parts.add("traffic");
          if (round == 1) {
            idle.forEach(c -> parts.add("idle:" + c));
          }
          for (String part : parts) {
            results.addAll(runWorker(plan, id, part, server.fdLimit(), target, notes, logs, nice));
          }
        }
      }
    }
    machine.put("load average at end", loadAverage()
        + " (1/5/15 min; other work on this machine during the run adds noise)");
    return new Report(plan.mode(), machine, mergeRounds(results), notes);
  }

  /**
   * Merges each row's rounds and groups the figures by scenario, scenarios in the order they
   * first ran and rows in run order.
   */
  static List<Result> mergeRounds(List<Result> results) {
    Map<String, Map<String, List<Result>>> byKey = new LinkedHashMap<>();
    for (Result r : results) {
      byKey.computeIfAbsent(r.key(), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.client(), c -> new ArrayList<>()).add(r);
    }
    List<Result> out = new ArrayList<>();
    byKey.values().forEach(rows -> rows.values().forEach(rounds -> out.add(Result.merge(rounds))));
    return out;
  }

  /**
   * The plan's idle-connection counts, plus the largest this machine's open-file limits allow
   * (in thousands, with room for the JVM's own files) when a planned count does not fit.
   */
  static List<Integer> idleCounts(Plan plan, String serverFd, List<String> notes) {
    long server;
    try {
      server = Long.parseLong(serverFd.trim());
    } catch (NumberFormatException e) {
      server = -1;
    }
    long hard = Worker.fdLimit(1);
    long limit = Math.min(hard > 0 ? hard : Long.MAX_VALUE, server > 0 ? server : Long.MAX_VALUE);
    List<Integer> counts = idleCounts(plan.idleConnections(), limit);
    if (counts.size() > plan.idleConnections().size()) {
      notes.add("The open-file limit here is " + limit + " (hard), so idle connections are also"
          + " measured at " + counts.stream().filter(c -> !plan.idleConnections().contains(c))
          .findFirst().orElseThrow() + ", the most that fit; larger counts are reported as not"
          + " measured.");
    }
    return counts;
  }

  /**
   * @param planned the plan's counts, ascending
   * @param limit the open-file limit both sides share, {@link Long#MAX_VALUE} if none
   * @return the planned counts, with the largest count that fits (in thousands, leaving 1,000
   *     files for the JVM) inserted in order when a planned count does not fit
   */
  static List<Integer> idleCounts(List<Integer> planned, long limit) {
    List<Integer> counts = new ArrayList<>(planned);
    if (limit == Long.MAX_VALUE) {
      return counts;
    }
    int feasible = (int) Math.min(Integer.MAX_VALUE, (limit - 1000) / 1000 * 1000);
    boolean tooMany = counts.stream().anyMatch(c -> c + 256L > limit);
    int largestFitting = counts.stream().filter(c -> c + 256L <= limit).max(Integer::compare).orElse(0);
    if (tooMany && feasible > largestFitting) {
      counts.add(counts.indexOf(largestFitting) + 1, feasible);
    }
    return counts;
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

  private static List<Result> runWorker(Plan plan, String id, String part, String serverFd,
      Target target, List<String> notes, Path logs, int nice)
      throws IOException, InterruptedException {
    Path log = logs.resolve(id.replace(':', '-') + "-" + part.replace(':', '-') + ".log");
    List<String> args = new ArrayList<>(List.of(part.startsWith("idle") ? "-Xmx8g" : "-Xmx4g",
        "-XX:+UseG1GC", "-D" + Worker.LOG_PROPERTY + "=" + log.toAbsolutePath(),
        Worker.class.getName(), plan.mode(), id, part, serverFd));
    args.addAll(List.of(target.toArgs()));
    Process p = Jvm.startWithRaisedFdLimit(Jvm.command(args.toArray(String[]::new)), nice);
    p.getOutputStream().close();
    List<Result> results = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          Result r = Result.fromLine(line);
          if (r != null) {
            synchronized (results) {
              results.add(r);
            }
          } else if (!line.startsWith(Jvm.FD_LIMIT_PREFIX)) {
            System.err.println("  " + line);
          }
        }
      } catch (IOException e) {
        System.err.println("  lost the worker's output: " + e);
      }
    }, "worker-reader");
    reader.start();
    long limit = plan.mode().equals("quick") ? 180 : 1200;
    if (!p.waitFor(limit, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      notes.add(Catalog.rowName(id) + " " + part + ": the worker took over " + limit
          + " s and was stopped; figures it had not printed are missing");
    } else if (p.exitValue() != 0) {
      notes.add(Catalog.rowName(id) + " " + part + ": the worker exited with status "
          + p.exitValue() + " (its error is printed above the table)");
    }
    reader.join(10_000);
    synchronized (results) {
      return new ArrayList<>(results);
    }
  }

  static Map<String, String> machine(Plan plan, String commandLine) {
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
}
