package dev.duplex.bench;

import dev.duplex.bench.driver.Target;
import dev.duplex.bench.report.Report;
import dev.duplex.bench.server.Jvm;
import dev.duplex.bench.server.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Orchestrates a run: starts the echo server, runs each row's worker JVMs (traffic each round,
 * idle counts in the first; a count beyond one process's open-file limit through
 * {@link SpreadIdle}), collects their results and merges the rounds.
 *
 * <p>Threading: the caller's thread, plus one reader thread per worker process.
 */
final class Runner {
  /** Loopback addresses the server binds, so that connections spread their ephemeral ports. */
  static final int ADDRESSES = 64;
  /** Environment variable with extra options for the worker JVMs (see {@link #workerJvmOptions}). */
  static final String WORKER_OPTIONS_ENV = "DUPLEX_BENCH_WORKER_OPTS";

  private Runner() {}

  /**
   * Runs every row of {@code plan}: the server, then each row's workers, round after round.
   *
   * @param plan what to measure
   * @param only the row ids to run, or null for all
   * @param traffic whether to run the traffic scenarios (else only the idle counts)
   * @param serverThreads the server's event-loop threads
   * @param nice niceness for the server and workers (0 to leave it)
   * @param commandLine the harness's arguments, for the report
   * @param logs where the workers' client-library logs go
   * @return the report
   */
  static Report run(Plan plan, List<String> only, boolean traffic, int serverThreads, int nice,
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
    Map<String, String> machine = Machine.describe(plan, commandLine);
    machine.put("cpu priority", nice == 0 ? "normal (no --nice): the run shares the CPUs with"
        + " other work on equal terms" : "the run's scheduler group at nice " + nice
        + " (ahead of other sessions' work)");
    List<Result> results = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start(serverThreads, ADDRESSES, nice)) {
      machine.put("server", "Netty 4.2 NIO WebSocket echo server (Netty's handshake, then a"
          + " cut-through echo), " + serverThreads + " event-loop threads, own JVM (pid "
          + server.pid() + "), open-file limit " + server.fdLimit());
      System.err.println("Started " + server);
      Target target = new Target(ADDRESSES, server.wsPort(), server.tcpPort(),
          server.tcpStreamPort(), server.pid());
      long fdLimit = fdLimit(server.fdLimit());
      List<Integer> idle = idleCounts(plan, fdLimit, notes);
      int rounds = traffic ? plan.rounds() : 1;
      try (SpreadIdle spread = new SpreadIdle(plan, fdLimit, nice, logs, notes)) {
        for (int round = 1; round <= rounds; round++) {
          int n = 0;
          for (String id : ids) {
            n++;
            System.err.printf(Locale.ROOT, "[round %d/%d, row %d/%d] %s%n", round, rounds, n,
                ids.size(), Catalog.rowName(id));
            List<String> parts = new ArrayList<>();
            if (traffic) {
              parts.add("traffic");
            }
            if (round == 1) {
              idle.forEach(c -> parts.add("idle:" + c));
            }
            for (String part : parts) {
              int count = part.startsWith("idle:") ? Integer.parseInt(part.substring(5)) : 0;
              if (count > 0 && !Spread.fitsOneProcess(count, fdLimit)) {
                results.addAll(spread.run(id, count, results));
              } else {
                results.addAll(runWorker(plan, id, part, server.fdLimit(), target, notes, logs,
                    nice));
              }
            }
          }
        }
      }
    }
    machine.put("load average at end", Machine.loadAverage()
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
   * @param serverFd the server's open-file limit as it printed it
   * @return the open-file limit every process of the run has: the smaller of the harness's hard
   *     limit and the server's, {@link Long#MAX_VALUE} if neither is known
   */
  static long fdLimit(String serverFd) {
    long server;
    try {
      server = Long.parseLong(serverFd.trim());
    } catch (NumberFormatException e) {
      server = -1;
    }
    long hard = Worker.fdLimit(1);
    return Math.min(hard > 0 ? hard : Long.MAX_VALUE, server > 0 ? server : Long.MAX_VALUE);
  }

  /**
   * The plan's idle-connection counts, plus the largest one process can hold (in thousands,
   * with room for the JVM's own files) when a planned count does not fit in one.
   */
  static List<Integer> idleCounts(Plan plan, long limit, List<String> notes) {
    List<Integer> counts = idleCounts(plan.idleConnections(), limit);
    if (counts.size() > plan.idleConnections().size()) {
      notes.add("The open-file limit here is " + limit + " per process (hard), so idle"
          + " connections are also measured at " + counts.stream()
          .filter(c -> !plan.idleConnections().contains(c)).findFirst().orElseThrow()
          + ", the most one process holds; larger counts are spread over several client and"
          + " server processes that hold them at once.");
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
    boolean tooMany = counts.stream().anyMatch(c -> !Spread.fitsOneProcess(c, limit));
    int largestFitting = counts.stream().filter(c -> Spread.fitsOneProcess(c, limit))
        .max(Integer::compare).orElse(0);
    if (tooMany && feasible > largestFitting) {
      counts.add(counts.indexOf(largestFitting) + 1, feasible);
    }
    return counts;
  }

  /**
   * Extra options for every worker JVM, from the environment variable
   * {@value #WORKER_OPTIONS_ENV} (split on spaces), for example a profiler's
   * {@code -agentpath:...}; empty when unset.
   */
  static List<String> workerJvmOptions() {
    String value = System.getenv(WORKER_OPTIONS_ENV);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.trim().split("\\s+"));
  }

  /**
   * @param logs the run's log folder
   * @param id a row id
   * @param part what the worker does, e.g. {@code traffic} or {@code idle:1000}
   * @return the file that gets that worker's client-library logs
   */
  static Path logFile(Path logs, String id, String part) {
    return logs.resolve(id.replace(':', '-') + "-" + part.replace(':', '-') + ".log");
  }

  /**
   * @param plan the run's plan
   * @param id the row id
   * @param part what the worker does (see {@link Worker})
   * @param serverFd the server's open-file limit
   * @param target the server
   * @param log where the client libraries log
   * @param maxHeap the worker's {@code -Xmx} option
   * @return the JVM options, main class and arguments of a worker
   */
  static List<String> workerArgs(Plan plan, String id, String part, String serverFd,
      Target target, Path log, String maxHeap) {
    List<String> args = new ArrayList<>(List.of(maxHeap, "-XX:+UseG1GC",
        "-D" + Worker.LOG_PROPERTY + "=" + log.toAbsolutePath()));
    args.addAll(workerJvmOptions());
    args.addAll(List.of(Worker.class.getName(), plan.mode(), id, part, serverFd));
    args.addAll(List.of(target.toArgs()));
    return args;
  }

  private static List<Result> runWorker(Plan plan, String id, String part, String serverFd,
      Target target, List<String> notes, Path logs, int nice)
      throws IOException, InterruptedException {
    List<String> args = workerArgs(plan, id, part, serverFd, target, logFile(logs, id, part),
        part.startsWith("idle") ? "-Xmx8g" : "-Xmx4g");
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
    // Generous bounds (a full-mode traffic worker takes about 70 s, an idle one under 70 s),
    // so that one hung row cannot take the whole run's time budget.
    long limit = plan.mode().equals("quick") ? 120 : part.startsWith("idle") ? 300 : 420;
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
}
