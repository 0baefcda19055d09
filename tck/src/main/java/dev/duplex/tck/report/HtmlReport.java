package dev.duplex.tck.report;

import java.util.List;

/**
 * The certification report as one self-contained HTML page: the verdict per transport, then the
 * clause-by-clause table with every failure message, deviation reason and n/a reason in the cell.
 *
 * <p>Threading: stateless.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Renders the report.
   *
   * @param transports the results
   * @return the HTML text
   */
  public static String render(List<TransportResult> transports) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Duplex certification report</title><style>")
        .append("body{font-family:sans-serif;font-size:13px}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}")
        .append(".pass{background:#dfd}.fail{background:#fbb}.not_claimed{background:#eee}")
        .append(".known_deviation{background:#ffd}.not_applicable{background:#eef}")
        .append("small{color:#555}</style></head><body>\n<h1>Duplex certification report</h1>\n<ul>\n");
    for (TransportResult t : transports) {
      out.append("<li><b>").append(esc(t.name())).append("</b>: ")
          .append(t.certified() ? "CERTIFIED" : "<b>NOT CERTIFIED</b>")
          .append(String.format(" &mdash; %d pass, %d fail, %d not claimed, %d known deviation, %d n/a",
              t.count(Outcome.PASS), t.count(Outcome.FAIL), t.count(Outcome.NOT_CLAIMED),
              t.count(Outcome.KNOWN_DEVIATION), t.count(Outcome.NOT_APPLICABLE)))
          .append("<br><small>claims ").append(esc(t.capabilities())).append("</small></li>\n");
    }
    out.append("</ul>\n<table>\n<tr><th>clause</th><th>test</th><th>required</th>");
    for (TransportResult t : transports) {
      out.append("<th>").append(esc(t.name())).append("</th>");
    }
    out.append("</tr>\n");
    if (!transports.isEmpty()) {
      List<ClauseResult> rows = transports.get(0).results();
      for (int i = 0; i < rows.size(); i++) {
        ClauseResult row = rows.get(i);
        out.append("<tr><td>").append(esc(row.clause())).append("<br><small>").append(esc(row.summary()))
            .append("</small></td><td><code>").append(esc(row.test())).append("</code></td><td>")
            .append(row.required() ? "required" : "optional").append("</td>");
        for (TransportResult t : transports) {
          ClauseResult r = t.results().get(i);
          out.append("<td class=\"").append(r.outcome().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
              .append(esc(r.outcome().label()));
          if (!r.detail().isEmpty()) {
            out.append("<br><small>").append(esc(r.detail())).append("</small>");
          }
          out.append("</td>");
        }
        out.append("</tr>\n");
      }
    }
    return out.append("</table>\n</body></html>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
