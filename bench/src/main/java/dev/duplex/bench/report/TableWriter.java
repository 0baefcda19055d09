package dev.duplex.bench.report;

import dev.duplex.bench.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The results as a table, grouped by scenario, one row per client: median, min, max, ratio to
 * the best peer, CPU of both sides, and for latency and the 1 MiB echo the ratio to raw TCP
 * measured in the same turns; in plain text for the console or in Markdown.
 *
 * <p>Threading: stateless.
 */
public final class TableWriter {
  private static final String[] HEAD = {"client", "median", "min", "max", "vs best peer",
    "client cpu", "server cpu", "per cpu-s", "of raw interleaved", "note"};

  private TableWriter() {}

  /**
   * @param report the run
   * @return a fixed-width table
   */
  public static String text(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("Duplex bench, ").append(report.mode()).append(" mode\n");
    for (Map.Entry<String, String> m : report.machine().entrySet()) {
      out.append("  ").append(m.getKey()).append(": ").append(m.getValue()).append('\n');
    }
    out.append("Each figure: the median of the samples after warm-up, with min and max. 'vs best"
        + " peer' > 1.00x means better than the best library used directly (jdk, jetty, okhttp,"
        + " netty). cpu: cores busy while sampling (100% = one); 'per cpu-s': the rate per"
        + " second of client + server CPU. 'of raw interleaved' (latency, and echo at 1 MiB): the"
        + " row's figure over raw TCP's, both measured in the same worker in alternating turns"
        + " (latency: 15 ms, x1.05 = 5% slower; echo: 30 ms windows, x0.85 = 85% of raw TCP's"
        + " throughput; the raw-tcp row's is raw against raw, x1.00 when the method holds).\n");
    for (String key : report.keys()) {
      List<Result> rs = report.forKey(key);
      Result first = rs.get(0);
      out.append('\n').append(key).append(" (").append(first.unit()).append(", ")
          .append(first.higherIsBetter() ? "higher" : "lower").append(" is better)\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(HEAD);
      for (Result r : rs) {
        rows.add(cells(report, r));
      }
      int[] w = widths(rows);
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.length; i++) {
          boolean left = i == 0 || i == row.length - 1;
          String c = row[i];
          String pad = " ".repeat(w[i] - c.length());
          line.append(left ? c + pad : pad + c).append(i == row.length - 1 ? "" : "  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
    }
    appendTail(out, report, "");
    return out.toString();
  }

  /**
   * @param report the run
   * @return the same table in Markdown
   */
  public static String markdown(Report report) {
    StringBuilder out = new StringBuilder("### Summary: median (ratio to the best peer)\n\n");
    List<String> clients = report.clients();
    out.append("| scenario | ").append(String.join(" | ", clients)).append(" |\n|")
        .append(" --- |".repeat(clients.size() + 1)).append('\n');
    for (String key : report.keys()) {
      Result first = report.forKey(key).get(0);
      out.append("| ").append(cell(key + " (" + first.unit() + ")"));
      for (String client : clients) {
        Result r = report.forKey(key).stream().filter(x -> x.client().equals(client)).findFirst()
            .orElse(null);
        String v = r == null || !r.present() ? "-" : Format.human(r.median());
        double ratio = r == null ? Double.NaN : report.ratioToBestPeer(r);
        out.append(" | ").append(v).append(Double.isNaN(ratio) ? "" : " (" + Format.ratio(ratio) + ")");
      }
      out.append(" |\n");
    }
    out.append("\n### All figures\n\n| scenario | ").append(String.join(" | ", HEAD))
        .append(" |\n|").append(" --- |".repeat(HEAD.length + 1)).append('\n');
    for (String key : report.keys()) {
      for (Result r : report.forKey(key)) {
        out.append("| ").append(cell(key + " (" + r.unit() + ")"));
        for (String c : cells(report, r)) {
          out.append(" | ").append(cell(c));
        }
        out.append(" |\n");
      }
    }
    out.append('\n');
    appendTail(out, report, "- ");
    return out.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static void appendTail(StringBuilder out, Report report, String bullet) {
    List<String> targets = Targets.check(report);
    if (!targets.isEmpty()) {
      out.append('\n').append("Targets (nio through the api unless said otherwise):\n")
          .append(bullet.isEmpty() ? "" : "\n");
      for (String t : targets) {
        out.append(bullet.isEmpty() ? "  " : bullet).append(t).append('\n');
      }
    }
    if (!report.notes().isEmpty()) {
      out.append('\n').append("Notes:\n").append(bullet.isEmpty() ? "" : "\n");
      for (String n : report.notes()) {
        out.append(bullet.isEmpty() ? "  " : bullet).append(n).append('\n');
      }
    }
  }

  private static String[] cells(Report report, Result r) {
    if (!r.present()) {
      return new String[] {r.client(), "-", "-", "-", "-", "-", "-", "-", "-", r.note()};
    }
    return new String[] {r.client(), Format.human(r.median()), Format.human(r.min()),
      Format.human(r.max()), Format.ratio(report.ratioToBestPeer(r)), Format.cpu(r.clientCpu()),
      Format.cpu(r.serverCpu()), Format.human(Report.perCpuSecond(r)),
      Format.times(r.ratioToRawInterleaved()), r.note()};
  }

  private static int[] widths(List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], row[i].length());
      }
    }
    return w;
  }
}
