package dev.duplex.tck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The certification report as a plain-text table: one row per clause, one column per transport,
 * then numbered notes (every failure, known deviation and n/a reason; nothing is hidden) and a
 * verdict per transport.
 *
 * <p>Threading: stateless.
 */
public final class TextReport {
  private TextReport() {}

  /**
   * Renders the report.
   *
   * @param transports the results, one per transport, with the same clauses in the same order
   * @return the text
   */
  public static String render(List<TransportResult> transports) {
    StringBuilder out = new StringBuilder("Duplex certification report\n\n");
    for (TransportResult t : transports) {
      out.append("  ").append(t.name()).append(": claims ").append(t.capabilities().isEmpty() ? "-" : t.capabilities())
          .append('\n');
    }
    out.append('\n');
    String header = String.format("%-44s %-62s %-3s", "clause", "test", "req");
    StringBuilder line = new StringBuilder(header);
    for (TransportResult t : transports) {
      line.append(String.format(" %-20s", t.name()));
    }
    out.append(line).append('\n').append("-".repeat(line.length())).append('\n');
    List<String> notes = new ArrayList<>();
    if (!transports.isEmpty()) {
      List<ClauseResult> rows = transports.get(0).results();
      for (int i = 0; i < rows.size(); i++) {
        ClauseResult row = rows.get(i);
        out.append(String.format("%-44s %-62s %-3s", cut(row.clause(), 44), cut(row.test(), 62), row.required() ? "R" : "O"));
        for (TransportResult t : transports) {
          ClauseResult r = t.results().get(i);
          String cell = r.outcome().label();
          if (!r.detail().isEmpty()) {
            notes.add(t.name() + ", " + r.test() + ": " + r.outcome().label() + ": " + r.detail());
            cell += " [" + notes.size() + "]";
          }
          out.append(String.format(" %-20s", cell));
        }
        out.append('\n');
      }
    }
    if (!notes.isEmpty()) {
      out.append("\nNotes\n");
      for (int i = 0; i < notes.size(); i++) {
        out.append(String.format("  [%d] %s%n", i + 1, notes.get(i)));
      }
    }
    out.append("\nVerdict\n");
    for (TransportResult t : transports) {
      long requiredFailures = t.results().stream().filter(ClauseResult::failsCertification).count();
      out.append(String.format("  %-10s %s: %d pass, %d fail (%d required), %d not claimed, %d known deviation, %d n/a%n",
          t.name(), t.certified() ? "CERTIFIED" : "NOT CERTIFIED", t.count(Outcome.PASS), t.count(Outcome.FAIL),
          requiredFailures, t.count(Outcome.NOT_CLAIMED), t.count(Outcome.KNOWN_DEVIATION), t.count(Outcome.NOT_APPLICABLE)));
    }
    return out.toString();
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 3) + "...";
  }
}
