package dev.duplex.bench;

import dev.duplex.bench.Barrier.Outcome;
import dev.duplex.bench.HoldProtocol.Holding;
import dev.duplex.bench.driver.Target;
import dev.duplex.bench.driver.WsDriver;
import dev.duplex.bench.server.Jvm;
import dev.duplex.bench.server.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An idle-connection count too large for one process's open-file limit (100,000 against a hard
 * limit of 20,000), held at once by several processes: the count is split evenly over the fewest
 * client worker JVMs that each stay within the limit ({@link Spread}), each paired with an echo
 * server JVM of its own (a server holds one file per connection too), every server on its own
 * ports on the same loopback addresses.
 *
 * <p>Each worker opens its share, measures what it added to its heap and threads, says so and
 * holds; once every worker holds, the harness asks each how many are still open and asks each
 * server how many it has, then releases them all ({@link Barrier}). Reported for the row: the
 * connections held at once (the smaller of the clients' and the servers' sums), heap bytes and
 * threads per connection (the workers' sums divided by the count), the processes used and why.
 *
 * <p>Rows that would need more threads than the machine has room for (a thread per connection)
 * or more memory than it has available, judged from the same row's largest single-process
 * figure, are reported as not measured with the reason instead of being attempted.
 *
 * <p>Threading: confined to the harness's main thread (the barrier reads each worker on a
 * thread of its own).
 */
final class SpreadIdle implements AutoCloseable {
  /** The scenario of the figure that says how many connections were open at once. */
  static final String HELD = "held at once";
  /** Each spread server's heap: about 3 KB per connection, a share at most 19,000. */
  static final List<String> SERVER_HEAP = List.of("-Xms64m", "-Xmx512m");
  private static final long MIB = 1 << 20;

  private final Plan plan;
  private final long fdLimit;
  private final int nice;
  private final Path logs;
  private final List<String> notes;
  private final List<ServerProcess> servers = new ArrayList<>();
  private final Kernel kernel;
  /** The counts the kernel's settings have been checked for. */
  private final Set<Integer> prepared = new HashSet<>();

  /**
   * @param plan the run's plan
   * @param fdLimit each process's open-file limit (the smaller of the client's and the server's)
   * @param nice niceness for the processes, 0 to leave it
   * @param logs where the workers' client-library logs go
   * @param notes the run's notes, which get what this did to the machine and why
   */
  SpreadIdle(Plan plan, long fdLimit, int nice, Path logs, List<String> notes) {
    this.plan = plan;
    this.fdLimit = fdLimit;
    this.nice = nice;
    this.logs = logs;
    this.notes = notes;
    this.kernel = new Kernel(this::note);
  }

  private void note(String sentence) {
    if (!notes.contains(sentence)) {
      System.err.println(sentence);
      notes.add(sentence);
    }
  }

  /**
   * Measures one row at one count.
   *
   * @param id the row id
   * @param connections how many to hold at once
   * @param earlier the run's results so far (for the row's single-process figures)
   * @return the held, heap and thread figures, or the same three missing with the reason
   */
  List<Result> run(String id, int connections, List<Result> earlier) {
    String param = String.format(Locale.ROOT, "%,d conns", connections);
    int[] shares = Spread.shares(connections, fdLimit);
    String row = Catalog.rowName(id);
    System.err.printf(Locale.ROOT, "  %s: idle %s, spread over %d client and %d server"
        + " processes%n", row, param, shares.length, shares.length);
    Result heap = largestSingleProcess(earlier, row, "idle heap", connections);
    Result threads = heap == null ? null : earlier.stream().filter(r -> r.client().equals(row)
        && r.key().equals("idle threads " + heap.param()) && r.present()).findFirst().orElse(null);
    double heapPerConnection = heap == null ? Double.NaN : heap.median();
    String why = tooMuch(connections, shares, heapPerConnection, heap, threads);
    if (why != null) {
      System.err.println("  " + row + ": " + param + " not measured: " + why);
      return missing(id, param, "not measured: " + why);
    }
    try {
      return measure(id, param, connections, shares, heapPerConnection);
    } catch (IOException e) {
      System.err.println("  " + row + ": " + param + " failed: " + e.getMessage());
      return missing(id, param, "failed: " + e.getMessage());
    }
  }

  /** Why the row is not attempted at this count, or null to go ahead. */
  private String tooMuch(int connections, int[] shares, double heapPerConnection, Result heap,
      Result threads) {
    String measured = heap == null ? "" : " with " + heap.param() + " open in one process";
    if (threads != null) {
      long need = Math.round(threads.median() * connections);
      long room = (Kernel.threadsAllowed() - Kernel.threadsInUse()) / 2;
      if (need > room) {
        return String.format(Locale.ROOT, "it would need about %,d threads (%s per connection%s),"
            + " more than half of the %,d more this kernel allows (kernel.pid_max, threads-max)"
            + " on a machine other work shares; not attempted", need,
            String.format(Locale.ROOT, "%.2f", threads.median()), measured,
            Kernel.threadsAllowed() - Kernel.threadsInUse());
      }
    }
    long heaps = 0;
    for (int share : shares) {
      heaps += Spread.workerHeapMb(heapPerConnection, share) * MIB;
    }
    long servers = shares.length * 512 * MIB;
    long available = Kernel.memoryAvailable();
    if (available > 0 && heaps + servers + 2048 * MIB > available) {
      return String.format(Locale.ROOT, "its %d workers could use up to %.1f GiB of heap (%s B per"
          + " connection%s) and the servers %.1f GiB, more than the %.1f GiB this machine has"
          + " available less 2 GiB; not attempted", shares.length, heaps / (double) (1L << 30),
          Double.isNaN(heapPerConnection) ? "unknown" : String.format(Locale.ROOT, "%.0f",
              heapPerConnection), measured, servers / (double) (1L << 30),
          available / (double) (1L << 30));
    }
    return null;
  }

  private List<Result> measure(String id, String param, int connections, int[] shares,
      double heapPerConnection) throws IOException {
    int k = shares.length;
    startServers(k);
    if (prepared.add(connections)) {
      note(kernel.prepare(connections, k * WsDriver.IDLE_CONCURRENCY, k * Runner.ADDRESSES));
    }
    int[] before = new int[k];
    for (int i = 0; i < k; i++) {
      before[i] = servers.get(i).openConnections();
    }
    List<Process> workers = new ArrayList<>();
    int[] serverHeld = new int[1];
    String[] tcp = new String[1];
    Outcome outcome;
    try {
      List<Barrier.Party> parties = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        ServerProcess s = servers.get(i);
        Target target = new Target(Runner.ADDRESSES, s.wsPort(), s.tcpPort(), s.tcpStreamPort(),
            s.pid());
        String part = Worker.HOLD_PREFIX + shares[i];
        List<String> args = Runner.workerArgs(plan, id, part, s.fdLimit(), target,
            Runner.logFile(logs, id, part + "-" + (i + 1)),
            "-Xmx" + Spread.workerHeapMb(heapPerConnection, shares[i]) + "m");
        Process p = Jvm.startWithRaisedFdLimit(Jvm.command(args.toArray(String[]::new)), nice);
        workers.add(p);
        parties.add(new Barrier.Party("worker " + (i + 1) + " of " + k + " (pid " + p.pid() + ")",
            p.getInputStream(), p.getOutputStream()));
      }
      outcome = Barrier.await(parties, holdTimeout(shares[0]), Duration.ofSeconds(60),
          line -> {
            if (!line.startsWith(Jvm.FD_LIMIT_PREFIX)) {
              System.err.println("  " + line);
            }
          },
          () -> {
            int sum = 0;
            for (int i = 0; i < k; i++) {
              sum += servers.get(i).openConnections() - before[i];
            }
            serverHeld[0] = sum;
            tcp[0] = Kernel.tcpSummary();
          });
    } finally {
      reap(workers);
      drain(before);
    }
    if (outcome.failure() != null) {
      throw new IOException(outcome.failure());
    }
    return results(id, param, connections, shares, outcome, serverHeld[0], tcp[0]);
  }

  /** Generous: a JVM start, the share opened at 100 a second, full collections. */
  private static Duration holdTimeout(int share) {
    return Duration.ofSeconds(120 + share / 100);
  }

  private List<Result> results(String id, String param, int connections, int[] shares,
      Outcome outcome, int serverHeld, String tcp) {
    int opened = outcome.holdings().stream().mapToInt(Holding::connections).sum();
    double[] heap = new double[3];
    double[] threads = new double[3];
    for (Holding h : outcome.holdings()) {
      for (int i = 0; i < 3; i++) {
        heap[i] += h.heap()[i] / opened;
        threads[i] += h.threads()[i] / opened;
      }
    }
    int held = Math.min(outcome.held(), serverHeld);
    String sharesText = Arrays.stream(shares).distinct().mapToObj(s ->
        String.format(Locale.ROOT, "%,d", s)).collect(Collectors.joining(" or "));
    String spread = String.format(Locale.ROOT, "spread over %d client processes (%s connections"
        + " each) and %d echo-server processes because the open-file limit is %,d per process",
        shares.length, sharesText, shares.length, fdLimit);
    note(String.format(Locale.ROOT, "Idle %s: each row's connections were %s (a hard limit that"
        + " cannot be raised here); each worker reported its count while all of them held their"
        + " connections, and the harness added the counts up, and asked the servers, before any"
        + " let go.", param, spread));
    String counted = String.format(Locale.ROOT, "%s; at one moment the clients had %,d open and"
        + " the servers %,d; %s", spread, outcome.held(), serverHeld, tcp);
    String row = Catalog.rowName(id);
    String kind = Catalog.kind(id);
    return List.of(
        figure(row, kind, HELD, param, "conns", true, new double[] {held}, counted),
        figure(row, kind, "idle heap", param, "B/conn", false, heap, spread),
        figure(row, kind, "idle threads", param, "threads/conn", false, threads, spread));
  }

  private static Result figure(String row, String kind, String scenario, String param,
      String unit, boolean higher, double[] v, String note) {
    return new Result(row, kind, scenario, param, unit, higher, Stats.median(v), Stats.min(v),
        Stats.max(v), v.length, Double.NaN, Double.NaN, note);
  }

  private static List<Result> missing(String id, String param, String why) {
    String row = Catalog.rowName(id);
    String kind = Catalog.kind(id);
    return List.of(Result.missing(row, kind, HELD, param, "conns", true, why),
        Result.missing(row, kind, "idle heap", param, "B/conn", false, why),
        Result.missing(row, kind, "idle threads", param, "threads/conn", false, why));
  }

  /** The row's figure at the largest count below {@code connections}, measured in one JVM. */
  private static Result largestSingleProcess(List<Result> earlier, String row, String scenario,
      int connections) {
    Result best = null;
    for (Result r : earlier) {
      if (r.client().equals(row) && r.scenario().equals(scenario) && r.present()
          && r.note().isEmpty() && count(r) < connections && (best == null || count(r) > count(best))) {
        best = r;
      }
    }
    return best;
  }

  private static int count(Result r) {
    return Integer.parseInt(r.param().replaceAll("[^0-9]", ""));
  }

  private void startServers(int k) throws IOException {
    while (servers.size() < k) {
      ServerProcess s = ServerProcess.start(1, Runner.ADDRESSES, nice, SERVER_HEAP);
      servers.add(s);
      System.err.println("  started " + s + " for idle connections spread over processes");
    }
  }

  /**
   * Ends every worker's input (a worker released or not lets go of its connections and exits
   * then), waits for them all to end, and kills any left after 60 s.
   */
  private static void reap(List<Process> workers) {
    for (Process p : workers) {
      try {
        p.getOutputStream().close();
      } catch (IOException e) {
        // its input is already closed: the worker has been told
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Process p : workers) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          System.err.println("  worker pid " + p.pid() + " did not end after its release; killed");
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits (at most 60 s) until each server is back to the connections it had before the row. */
  private void drain(int[] before) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; i < before.length; i++) {
      try {
        int open;
        while ((open = servers.get(i).openConnections()) > before[i]) {
          if (System.nanoTime() > deadline) {
            note("echo server pid " + servers.get(i).pid() + " still counted " + (open - before[i])
                + " connections 60 s after its worker ended");
            break;
          }
          Thread.sleep(200);
        }
      } catch (IOException e) {
        note("echo server pid " + servers.get(i).pid() + " could not be asked for its"
            + " connections after the row: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops the servers and puts back any kernel setting changed for the run. */
  @Override
  public void close() {
    for (ServerProcess s : servers) {
      s.close();
    }
    servers.clear();
    kernel.close();
  }
}
