package dev.duplex.tck.report;

import java.util.List;

/**
 * The certification report as JSON, for tools: {@code {"transports":[{"name", "capabilities",
 * "certified", "counts", "results":[{"test", "clause", "summary", "required", "outcome",
 * "detail"}]}]}}. Written by hand (a dozen lines) so the kit needs no JSON library.
 *
 * <p>Threading: stateless.
 */
public final class JsonReport {
  private JsonReport() {}

  /**
   * Renders the report.
   *
   * @param transports the results
   * @return the JSON text
   */
  public static String render(List<TransportResult> transports) {
    StringBuilder out = new StringBuilder("{\n  \"transports\": [");
    for (int t = 0; t < transports.size(); t++) {
      TransportResult tr = transports.get(t);
      out.append(t == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(tr.name()))
          .append(", \"capabilities\": ").append(str(tr.capabilities()))
          .append(", \"certified\": ").append(tr.certified())
          .append(", \"counts\": {");
      Outcome[] outcomes = Outcome.values();
      for (int i = 0; i < outcomes.length; i++) {
        out.append(i == 0 ? "" : ", ").append(str(outcomes[i].name().toLowerCase(java.util.Locale.ROOT)))
            .append(": ").append(tr.count(outcomes[i]));
      }
      out.append("},\n     \"results\": [");
      for (int i = 0; i < tr.results().size(); i++) {
        ClauseResult r = tr.results().get(i);
        out.append(i == 0 ? "\n" : ",\n").append("      {\"test\": ").append(str(r.test()))
            .append(", \"clause\": ").append(str(r.clause()))
            .append(", \"summary\": ").append(str(r.summary()))
            .append(", \"required\": ").append(r.required())
            .append(", \"outcome\": ").append(str(r.outcome().name().toLowerCase(java.util.Locale.ROOT)))
            .append(", \"detail\": ").append(str(r.detail())).append('}');
      }
      out.append("\n     ]}");
    }
    return out.append("\n  ]\n}\n").toString();
  }

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
