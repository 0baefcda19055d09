package dev.duplex.tck.report;

import dev.duplex.spi.TransportProvider;
import dev.duplex.tck.ServiceLoaderVerification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The certification runner: runs the kit against every {@link TransportProvider} on the class
 * path (or only the one named by {@code --transport NAME} or {@code -Dduplex.tck.transport=NAME}),
 * prints the clause-by-clause table, writes {@code report.txt}, {@code report.html} and
 * {@code report.json} under {@code --out DIR} (default {@code target/certification}), and exits
 * with 1 when a required clause fails for any transport (2 for a usage error).
 *
 * <p>A provider that fails to load is reported with every clause failed; one that cannot connect
 * fails its clauses within the kit's timeouts.
 *
 * <p>Threading: a CLI main; {@link #run} may be called from one thread at a time.
 */
public final class Certification {
  private Certification() {}

  /** Held so the logging configuration below is not garbage collected. */
  private static final java.util.logging.Logger ROOT = java.util.logging.Logger.getLogger("");

  /**
   * Runs the report. The transports' and servers' own logging is switched off unless
   * {@code --verbose} is given, so the console shows the report.
   *
   * @param args {@code [--transport NAME] [--out DIR] [--threads N] [--verbose]}
   */
  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.remove("--verbose")) {
      ROOT.setLevel(java.util.logging.Level.OFF);
    }
    System.exit(run(rest.toArray(String[]::new), System.out));
  }

  /**
   * Runs the report and returns the exit status instead of exiting.
   *
   * @param args as for {@link #main}
   * @param console where the table goes
   * @return 0 if every transport is certified, 1 if a required clause failed, 2 for a usage error
   */
  public static int run(String[] args, PrintStream console) {
    String only = System.getProperty(ServiceLoaderVerification.PROPERTY);
    Path out = Path.of("target", "certification");
    int threads = 8;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--transport" -> only = args[++i];
          case "--out" -> out = Path.of(args[++i]);
          case "--threads" -> threads = Integer.parseInt(args[++i]);
          case "--help", "-h" -> {
            console.println("usage: [--transport NAME] [--out DIR] [--threads N] [--verbose]");
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      console.println("Bad arguments (" + e.getMessage() + "); usage: [--transport NAME] [--out DIR] [--threads N]");
      return 2;
    }
    List<TransportResult> results = new ArrayList<>();
    KitRunner runner = new KitRunner(threads);
    List<String> found = new ArrayList<>();
    Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class).iterator();
    int index = 0;
    while (true) {
      TransportProvider provider;
      index++;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        if (only == null) {
          results.add(KitRunner.unloadable("provider #" + index + " (failed to load)", e));
        }
        found.add("provider #" + index + " (failed to load: " + e.getMessage() + ")");
        continue;
      }
      String name = safeName(provider);
      found.add(name);
      if (only == null || only.equals(name)) {
        console.println("Certifying " + name + " ...");
        results.add(runner.run(name, provider));
      }
    }
    if (results.isEmpty()) {
      console.println(only == null ? "No TransportProvider on the class path."
          : "No TransportProvider named '" + only + "'; found " + found);
      return 2;
    }
    return report(results, out, console);
  }

  /**
   * Prints and writes the report for results already computed.
   *
   * @param results one per transport
   * @param out the folder to write into
   * @param console where the table goes
   * @return 0 if every transport is certified, else 1
   */
  public static int report(List<TransportResult> results, Path out, PrintStream console) {
    String text = TextReport.render(results);
    console.print(text);
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("report.txt"), text, StandardCharsets.UTF_8);
      Files.writeString(out.resolve("report.html"), HtmlReport.render(results), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("report.json"), JsonReport.render(results), StandardCharsets.UTF_8);
      console.println("\nWritten to " + out.toAbsolutePath() + " (report.txt, report.html, report.json)");
    } catch (IOException e) {
      console.println("\nCould not write the report under " + out.toAbsolutePath() + ": " + e);
      return 1;
    }
    return results.stream().allMatch(TransportResult::certified) ? 0 : 1;
  }

  private static String safeName(TransportProvider p) {
    try {
      return p.name();
    } catch (RuntimeException e) {
      return p.getClass().getName() + " (name() failed: " + e + ")";
    }
  }
}
