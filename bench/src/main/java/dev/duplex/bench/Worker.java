package dev.duplex.bench;

import dev.duplex.bench.driver.Driver;
import dev.duplex.bench.driver.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The client side of one row, in its own JVM so that rows never share a JIT profile, a heap or
 * threads: runs the traffic scenarios, or one idle-connection count, and prints each
 * {@link Result} as a line for the harness.
 *
 * <p>Usage: {@code Worker <quick|full> <row id> <traffic|idle:N|hold:N> <server fd limit>
 * <target...>}. {@code hold:N} is one share of a count spread over several processes: the worker
 * opens N connections and then speaks the {@link HoldProtocol} with the harness over its standard
 * input and output until released (or, should the harness never release it, for
 * {@link #MAX_HOLD_MINUTES} at most).
 *
 * <p>Threading: main thread only (plus a daemon watchdog while holding).
 */
public final class Worker {
  /** System property naming the file that receives the client libraries' logging. */
  static final String LOG_PROPERTY = "bench.log";
  /** The part that holds a share of a spread idle count. */
  static final String HOLD_PREFIX = "hold:";
  /** A holding worker that is never released ends itself after this long. */
  static final int MAX_HOLD_MINUTES = 20;

  private Worker() {}

  /** Sends java.util.logging (and so System.Logger) to the file named by {@link #LOG_PROPERTY}. */
  private static void logToFile() {
    String file = System.getProperty(LOG_PROPERTY);
    if (file == null) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    try {
      FileHandler handler = new FileHandler(file, true);
      handler.setFormatter(new SimpleFormatter());
      root.addHandler(handler);
    } catch (IOException e) {
      System.err.println("  cannot log to " + file + ": " + e.getMessage());
    }
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    int status = 0;
    logToFile();
    try {
      Plan plan = Plan.named(args[0]);
      String id = args[1];
      String part = args[2];
      long serverFd = parseLong(args[3]);
      Target target = Target.fromArgs(args, 4);
      List<Result> results;
      try (Driver driver = Catalog.driver(id, plan, target)) {
        if (part.equals("traffic")) {
          results = driver.runTraffic();
        } else if (part.startsWith(HOLD_PREFIX)) {
          hold(driver, Integer.parseInt(part.substring(HOLD_PREFIX.length())));
          results = List.of();
        } else {
          int n = Integer.parseInt(part.substring("idle:".length()));
          results = driver.runIdle(n, fdLimit(0), serverFd);
        }
      }
      for (Result r : results) {
        System.out.println(r.toLine());
      }
    } catch (Exception | Error e) {
      System.err.println("worker " + String.join(" ", args) + " failed: " + e);
      e.printStackTrace();
      if (args.length > 2 && args[2].startsWith(HOLD_PREFIX)) {
        // The harness of a holding worker waits for this line (or the end of the output).
        System.out.println(HoldProtocol.FAILED + " " + e.toString().replace('\n', ' '));
      }
      status = 1;
    }
    System.out.flush();
    // Some clients keep non-daemon threads; the worker's job is done.
    System.exit(status);
  }

  /** Opens and holds {@code n} connections until the harness releases them. */
  private static void hold(Driver driver, int n) throws Exception {
    long limit = fdLimit(0);
    if (!Spread.fitsOneProcess(n, limit)) {
      throw new IllegalStateException("this worker's open-file limit is " + limit + ", too low for"
          + " " + n + " connections");
    }
    Thread watchdog = new Thread(() -> {
      try {
        TimeUnit.MINUTES.sleep(MAX_HOLD_MINUTES);
        System.err.println("worker: held " + n + " connections for " + MAX_HOLD_MINUTES
            + " minutes without being released; exiting");
        System.exit(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "hold-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Driver.Holding h = driver.hold(n)) {
      HoldProtocol.serve(n, h.heap(), h.threads(), h.held()::open, in, System.out);
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * @param which 0 for the soft limit, 1 for the hard limit
   * @return this process's open-file limit from /proc, or -1
   */
  static long fdLimit(int which) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          return parseLong(line.substring(26).trim().split("\\s+")[which]);
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
