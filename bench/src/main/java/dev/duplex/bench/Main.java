package dev.duplex.bench;

import dev.duplex.bench.report.ChartWriter;
import dev.duplex.bench.report.CsvWriter;
import dev.duplex.bench.report.JsonWriter;
import dev.duplex.bench.report.MarkdownReport;
import dev.duplex.bench.report.Report;
import dev.duplex.bench.report.TableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The harness: starts the echo server in its own JVM, runs every row in its own worker JVM
 * (traffic scenarios, then each idle-connection count in a fresh JVM), prints the table and
 * writes CSV, JSON, Markdown and a PNG chart.
 *
 * <p>Usage: {@code java -jar duplex-bench.jar [--quick|--full] [--out DIR] [--only id,id]
 * [--idle N,N] [--idle-only] [--server-threads N] [--nice N] [--publish]}. {@code --idle}
 * replaces the mode's idle-connection counts; {@code --idle-only} skips the traffic scenarios.
 * {@code --publish} also writes
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

  private Main() {}

  /**
   * @param args see the class comment
   * @throws Exception if the server cannot start or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    Plan plan = Plan.quick();
    Path out = null;
    List<String> only = null;
    List<Integer> idle = null;
    boolean traffic = true;
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
        case "--idle":
          idle = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf)
              .sorted().toList();
          break;
        case "--idle-only":
          traffic = false;
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
              + " [--only id,id] [--idle N,N] [--idle-only] [--server-threads N] [--nice N]"
              + " [--publish]");
          System.exit(args[i].equals("--help") ? 0 : 2);
      }
    }
    if (idle != null) {
      plan = plan.withIdleConnections(idle);
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
      report = Runner.run(plan, only, traffic, serverThreads, nice, String.join(" ", args),
          out.resolve("logs"));
    } finally {
      Priority.restore(oldGroupNice);
    }
    System.out.print(TableWriter.text(report));
    Files.writeString(out.resolve("results.csv"), CsvWriter.write(report));
    Files.writeString(out.resolve("results.json"), JsonWriter.write(report));
    Files.writeString(out.resolve("RESULTS.md"), MarkdownReport.write(report, "results.png"));
    ChartWriter.write(report, out.resolve("results.png"));
    System.out.println("\nWrote results.csv, results.json, RESULTS.md, results.png and the"
        + " clients' logs (logs/) in " + out);
    if (publish) {
      Files.writeString(benchDir.resolve("RESULTS.md"), MarkdownReport.write(report, "results.png"));
      ChartWriter.write(report, benchDir.resolve("results.png"));
      System.out.println("Published " + benchDir.resolve("RESULTS.md") + " and "
          + benchDir.resolve("results.png"));
    }
  }
}
