package dev.duplex.bench.report;

import dev.duplex.bench.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * The targets the transport issues are judged by, checked against one run's figures: each line
 * says PASS, FAIL or NOT MEASURED and the numbers behind it.
 *
 * <p>Threading: stateless.
 */
public final class Targets {
  /** The row the targets are about. */
  public static final String SUBJECT = "nio (api)";
  /** The most a p50 latency may be over raw TCP's: within 10%. */
  static final double LATENCY_MARGIN = 1.1;
  /** The connection count the issue asks one machine to hold at once. */
  static final int CONCURRENT = 100_000;

  private Targets() {}

  /**
   * @param report the run
   * @return one line per target
   */
  public static List<String> check(Report report) {
    List<String> out = new ArrayList<>();
    headroom(report, out);
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
    share(report, out, "echo 1 MiB x8", 0.8);
    latency(report, out, "latency p50 32 B");
    latency(report, out, "latency p50 1 KiB");
    idle(report, out);
    layer(report, out);
    return out;
  }

  /**
   * At least {@code min} of raw TCP's throughput, judged on the subject's ratio to raw TCP
   * measured in turns with its own in its worker (see the driver's InterleavedEcho).
   */
  private static void share(Report report, List<String> out, String key, double min) {
    interleaved(report, out, key,
        String.format(Locale.ROOT, ">= %.0f%% of raw TCP throughput interleaved at", min * 100),
        ratio -> ratio >= min,
        ratio -> String.format(Locale.ROOT, "%.0f%% of raw TCP", ratio * 100));
  }

  /**
   * p50 within 10% of raw TCP, judged on the subject's ratio to raw TCP measured in turns
   * interleaved with its own in its worker (see the driver's Interleaved).
   */
  private static void latency(Report report, List<String> out, String key) {
    interleaved(report, out, key, "p50 latency within 10% of raw TCP interleaved at",
        ratio -> ratio <= LATENCY_MARGIN, ratio -> Format.times(ratio) + " of raw TCP");
  }

  /**
   * A target judged on the subject's ratio to raw TCP measured in the same turns. The raw-tcp
   * row's own ratio, raw TCP against raw TCP in the same way, is printed with it: the method's
   * check, x1.00 when it holds.
   *
   * @param what the target, followed by the key
   * @param pass whether a ratio meets the target
   * @param shown how a ratio is said
   */
  private static void interleaved(Report report, List<String> out, String key, String what,
      DoublePredicate pass, DoubleFunction<String> shown) {
    String target = what + " " + key;
    Optional<Result> nio = report.find(SUBJECT, key);
    String check = report.find("raw-tcp", key)
        .filter(r -> !Double.isNaN(r.ratioToRawInterleaved()))
        .map(r -> "; check: the raw-tcp row " + Format.times(r.ratioToRawInterleaved())
            + " of raw TCP interleaved (x1.00 when the method holds)").orElse("");
    if (nio.isEmpty()) {
      out.add("NOT MEASURED  " + target + ": the subject has no figure" + check);
      return;
    }
    Result r = nio.get();
    double ratio = r.ratioToRawInterleaved();
    if (Double.isNaN(ratio)) {
      out.add("NOT MEASURED  " + target + ": " + num(r) + " but no raw TCP was measured with it"
          + check);
      return;
    }
    out.add(verdict(pass.test(ratio)) + "  " + target + ": " + num(r) + ", " + shown.apply(ratio)
        + " in the same turns (" + Format.human(r.rawInterleaved()) + " " + r.unit() + ")"
        + check);
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
    concurrent(report, out);
  }

  /**
   * 100,000 connections open at the same time: counted at one barrier across the processes
   * they were spread over (see the harness's SpreadIdle), or held by one process where its
   * open-file limit allows.
   */
  private static void concurrent(Report report, List<String> out) {
    String param = String.format(Locale.ROOT, "%,d conns", CONCURRENT);
    String what = String.format(Locale.ROOT, "%,d concurrent connections", CONCURRENT);
    Optional<Result> held = report.find(SUBJECT, "held at once " + param);
    Optional<Result> heap = report.find(SUBJECT, "idle heap " + param);
    if (held.isPresent()) {
      Result h = held.get();
      out.add(verdict(h.median() >= CONCURRENT) + "  " + what + ": " + String.format(Locale.ROOT,
          "%,d held at once", (long) h.median()) + heap.map(r -> ", " + num(r)).orElse("")
          + " (" + h.note() + ")");
    } else if (heap.isPresent() && heap.get().note().isEmpty()) {
      out.add("PASS  " + what + ": held open at once by one process (" + num(heap.get()) + ")");
    } else {
      String why = report.results().stream()
          .filter(r -> r.client().equals(SUBJECT) && r.key().equals("held at once " + param)
              || r.client().equals(SUBJECT) && r.key().equals("idle heap " + param))
          .map(Result::note).findFirst().orElse("not part of this mode (full mode measures it)");
      out.add((why.startsWith("failed") ? "FAIL" : "NOT MEASURED") + "  " + what + ": " + why);
    }
  }

  /**
   * The W3C layer's cost: nio through the api against its spi Connection used directly; Jetty
   * and OkHttp through the api against the same library used directly.
   */
  private static void layer(Report report, List<String> out) {
    for (String key : List.of("echo 32 B x128", "echo 4 KiB x128")) {
      for (String t : List.of("nio", "jetty", "okhttp")) {
        String reference = t.equals("nio") ? "nio (spi)" : t;
        Optional<Result> api = report.find(t + " (api)", key);
        Optional<Result> direct = report.find(reference, key);
        String what = "the W3C layer costs <= 10% for " + t + " at " + key + " (api vs "
            + reference + ")";
        if (api.isEmpty() || direct.isEmpty()) {
          out.add("NOT MEASURED  " + what + ": " + missing(api, direct));
          continue;
        }
        double r = api.get().median() / direct.get().median();
        out.add(verdict(r >= 0.9) + "  " + what + ": " + num(api.get()) + " vs "
            + num(direct.get()) + String.format(Locale.ROOT, " (%.0f%%)", r * 100));
      }
    }
  }

  /** The server is not the limit: raw TCP through it, and its CPU while serving WebSockets. */
  private static void headroom(Report report, List<String> out) {
    String key = "echo 32 B x128";
    Optional<Result> raw = report.find("raw-tcp", key);
    Result bestWs = null;
    double serverCpu = 0;
    for (Result r : report.results()) {
      if (!r.present() || r.kind().equals("ceiling")) {
        continue;
      }
      if (!Double.isNaN(r.serverCpu())) {
        serverCpu = Math.max(serverCpu, r.serverCpu());
      }
      if (r.key().equals(key) && (bestWs == null || r.median() > bestWs.median())) {
        bestWs = r;
      }
    }
    if (raw.isEmpty() || bestWs == null) {
      out.add("NOT MEASURED  server headroom: raw TCP or WebSocket echo missing");
      return;
    }
    out.add(String.format(Locale.ROOT, "INFO  server headroom: raw TCP echo through the same Netty"
        + " server reached %s (%.1fx the best WebSocket row, %s %s); the server never used more"
        + " than %s of a core in any WebSocket scenario (2 event-loop threads)",
        num(raw.get()), raw.get().median() / bestWs.median(), bestWs.client(), num(bestWs),
        Format.cpu(serverCpu)));
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
