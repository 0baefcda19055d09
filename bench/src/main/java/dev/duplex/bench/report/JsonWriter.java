package dev.duplex.bench.report;

import dev.duplex.bench.Result;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The results as JSON: {@code {"mode", "machine": {...}, "results": [...], "targets": [...],
 * "notes": [...]}}; missing numbers are {@code null}. Written by hand because the bench needs
 * nothing else from a JSON library.
 *
 * <p>Threading: stateless.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /**
   * @param report the run
   * @return the JSON document
   */
  public static String write(Report report) {
    StringBuilder out = new StringBuilder("{\n  \"mode\": ").append(str(report.mode()))
        .append(",\n  \"machine\": {");
    Iterator<Map.Entry<String, String>> m = report.machine().entrySet().iterator();
    while (m.hasNext()) {
      Map.Entry<String, String> e = m.next();
      out.append("\n    ").append(str(e.getKey())).append(": ").append(str(e.getValue()))
          .append(m.hasNext() ? "," : "\n  ");
    }
    out.append("},\n  \"results\": [");
    List<Result> rs = report.results();
    for (int i = 0; i < rs.size(); i++) {
      Result r = rs.get(i);
      out.append("\n    {\"client\": ").append(str(r.client()))
          .append(", \"kind\": ").append(str(r.kind()))
          .append(", \"scenario\": ").append(str(r.scenario()))
          .append(", \"param\": ").append(str(r.param()))
          .append(", \"unit\": ").append(str(r.unit()))
          .append(", \"higherIsBetter\": ").append(r.higherIsBetter())
          .append(", \"median\": ").append(num(r.median()))
          .append(", \"min\": ").append(num(r.min()))
          .append(", \"max\": ").append(num(r.max()))
          .append(", \"samples\": ").append(r.samples())
          .append(", \"ratioToBestPeer\": ").append(num(report.ratioToBestPeer(r)))
          .append(", \"clientCpuCores\": ").append(num(r.clientCpu()))
          .append(", \"serverCpuCores\": ").append(num(r.serverCpu()))
          .append(", \"perCpuSecond\": ").append(num(Report.perCpuSecond(r)))
          .append(", \"rawInterleaved\": ").append(num(r.rawInterleaved()))
          .append(", \"ratioToRawInterleaved\": ").append(num(r.ratioToRawInterleaved()))
          .append(", \"note\": ").append(str(r.note())).append('}')
          .append(i < rs.size() - 1 ? "," : "\n  ");
    }
    out.append("],\n  \"targets\": ").append(list(Targets.check(report)))
        .append(",\n  \"notes\": ").append(list(report.notes())).append("\n}\n");
    return out.toString();
  }

  private static String list(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(str(items.get(i)));
    }
    return b.append(']').toString();
  }

  private static String num(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? "null" : Format.plain(d);
  }

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\r':
          b.append("\\r");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
