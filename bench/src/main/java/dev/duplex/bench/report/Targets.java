package dev.duplex.bench.report;

import dev.duplex.bench.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets the transport issues are judged by, checked against one run's figures: each line
 * says PASS, FAIL or NOT MEASURED and the numbers behind it.
 *
 * <p>Threading: stateless.
 */
public final class Targets {
  /** The row the targets are about. */
  public static final String SUBJECT = "nio (api)";

  private Targets() {}

  /**
   * @param report the run
   * @return one line per target
   */
  public static List<String> check(Report report) {
    List<String> out = new ArrayList<>();
    for (String key : List.of("echo 32 B x128", "echo 4 KiB x128")) {
      Optional<Result> nio = report.find(SUBJECT, key);
      Optional<Result> best = report.bestPeer(key);
      if (nio.isEmpty() || best.isEmpty()) {
        out.add("NOT MEASURED  ahead of every peer at " + key + ": " + missing(nio, best));
      } else {
        double r = report.ratioToBestPeer(nio.get());
        out.add(verdict(r > 1) + "  ahead of every peer at " + key + ": " + num(nio.get())
            + " vs " + best.get().client() + " " + num(best.get()) + " (" + Format.ratio(r) + ")");
      }
    }
    share(report, out, "echo 1 MiB x8", ">= 80% of raw TCP throughput at", 0.8);
    share(report, out, "latency p50 32 B", "p50 latency within 10% of raw TCP at", 1 / 1.1);
    idle(report, out);
    layer(report, out);
    return out;
  }

  private static void share(Report report, List<String> out, String key, String what, double min) {
    Optional<Result> nio = report.find(SUBJECT, key);
    Optional<Result> raw = report.find("raw-tcp", key);
    if (nio.isEmpty() || raw.isEmpty()) {
      out.add("NOT MEASURED  " + what + " " + key + ": " + missing(nio, raw));
      return;
    }
    double r = Report.ratio(nio.get().median(), raw.get().median(), nio.get().higherIsBetter());
    out.add(verdict(r >= min) + "  " + what + " " + key + ": " + num(nio.get()) + " vs raw "
        + num(raw.get()) + String.format(Locale.ROOT, " (%.0f%% of raw)", r * 100));
  }

  private static void idle(Report report, List<String> out) {
    Result largest = null;
    for (Result r : report.results()) {
      if (r.client().equals(SUBJECT) && r.scenario().equals("idle heap") && r.present()) {
        largest = r;
      }
    }
    if (largest == null) {
      out.add("NOT MEASURED  <= 2 KiB heap and no thread per idle connection: no idle figure for "
          + SUBJECT);
    } else {
      Optional<Result> threads = report.find(SUBJECT, "idle threads " + largest.param());
      double t = threads.map(Result::median).orElse(Double.NaN);
      boolean ok = largest.median() <= 2048 && !Double.isNaN(t) && t < 0.01;
      out.add(verdict(ok) + "  <= 2 KiB heap and no thread per idle connection at "
          + largest.param() + ": " + num(largest) + ", " + Format.human(t) + " threads/conn");
    }
    Optional<Result> hundredK = report.find(SUBJECT, "idle heap 100,000 conns");
    if (hundredK.isPresent()) {
      out.add("PASS  100,000 concurrent connections held open (" + num(hundredK.get()) + ")");
    } else {
      String why = report.results().stream()
          .filter(r -> r.client().equals(SUBJECT) && r.key().equals("idle heap 100,000 conns"))
          .map(Result::note).findFirst().orElse("not part of this mode (full mode tries it)");
      out.add((why.startsWith("failed") ? "FAIL" : "NOT MEASURED") + "  100,000 concurrent connections: " + why);
    }
  }

  private static void layer(Report report, List<String> out) {
    String key = "echo 32 B x128";
    for (String t : List.of("nio", "jetty", "okhttp")) {
      Optional<Result> api = report.find(t + " (api)", key);
      Optional<Result> direct = report.find(t + " (spi)", key);
      if (api.isEmpty() || direct.isEmpty()) {
        out.add("NOT MEASURED  W3C layer costs <= 10% for " + t + " at " + key + ": "
            + missing(api, direct));
        continue;
      }
      double r = api.get().median() / direct.get().median();
      out.add(verdict(r >= 0.9) + "  W3C layer costs <= 10% for " + t + " at " + key + ": api "
          + num(api.get()) + " vs spi " + num(direct.get())
          + String.format(Locale.ROOT, " (api at %.0f%% of spi)", r * 100));
    }
  }

  private static String verdict(boolean ok) {
    return ok ? "PASS" : "FAIL";
  }

  private static String num(Result r) {
    return Format.human(r.median()) + " " + r.unit();
  }

  private static String missing(Optional<Result> a, Optional<Result> b) {
    return a.isEmpty() ? "the subject has no figure" : "the reference has no figure";
  }
}
