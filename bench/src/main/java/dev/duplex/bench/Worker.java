package dev.duplex.bench;

import dev.duplex.bench.driver.Driver;
import dev.duplex.bench.driver.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The client side of one row, in its own JVM so that rows never share a JIT profile, a heap or
 * threads: runs the traffic scenarios, or one idle-connection count, and prints each
 * {@link Result} as a line for the harness.
 *
 * <p>Usage: {@code Worker <quick|full> <row id> <traffic|idle:N> <server fd limit> <target...>}.
 *
 * <p>Threading: main thread only.
 */
public final class Worker {
  /** System property naming the file that receives the client libraries' logging. */
  static final String LOG_PROPERTY = "bench.log";

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
      status = 1;
    }
    System.out.flush();
    // Some clients keep non-daemon threads; the worker's job is done.
    System.exit(status);
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
