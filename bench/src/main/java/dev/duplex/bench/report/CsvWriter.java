package dev.duplex.bench.report;

import dev.duplex.bench.Result;

/**
 * The results as CSV (RFC 4180: comma-separated, fields with commas or quotes quoted), one line
 * per figure, with the ratio to the best peer computed in the same run and, for latency and the
 * 1 MiB echo, the raw-TCP figure measured in turns interleaved with it and the ratio to it.
 *
 * <p>Threading: stateless.
 */
public final class CsvWriter {
  /** The header line. */
  public static final String HEADER = "client,kind,scenario,param,unit,higher_is_better,median,min,"
      + "max,samples,ratio_to_best_peer,client_cpu_cores,server_cpu_cores,per_cpu_second,"
      + "raw_interleaved,ratio_to_raw_interleaved,note";

  private CsvWriter() {}

  /**
   * @param report the run
   * @return the CSV text, header first
   */
  public static String write(Report report) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Result r : report.results()) {
      out.append(String.join(",", field(r.client()), field(r.kind()), field(r.scenario()),
          field(r.param()), field(r.unit()), Boolean.toString(r.higherIsBetter()),
          Format.plain(r.median()), Format.plain(r.min()), Format.plain(r.max()),
          Integer.toString(r.samples()), Format.plain(report.ratioToBestPeer(r)),
          Format.plain(r.clientCpu()), Format.plain(r.serverCpu()),
          Format.plain(Report.perCpuSecond(r)), Format.plain(r.rawInterleaved()),
          Format.plain(r.ratioToRawInterleaved()), field(r.note())))
          .append('\n');
    }
    return out.toString();
  }

  static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
