package dev.duplex.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One figure of a run: a client's median over repeated samples of one scenario, with the min
 * and max, the CPU each side used while it was measured, or the reason it is missing.
 *
 * <p>Threading: immutable.
 *
 * @param client row name, e.g. {@code jdk} or {@code nio (api)}
 * @param kind the row's group (ceiling, peer, duplex-api, duplex-spi)
 * @param scenario e.g. {@code echo}, {@code latency p50}, {@code idle heap}
 * @param param e.g. {@code 32 B x128}
 * @param unit e.g. {@code msg/s}
 * @param higherIsBetter whether a larger value is better
 * @param median the median sample, NaN when missing
 * @param min the smallest sample
 * @param max the largest sample
 * @param samples how many samples
 * @param clientCpu the client JVM's CPU while sampling, in cores (1.0 = one core busy), NaN if unknown
 * @param serverCpu the server JVM's CPU while sampling, in cores, NaN if unknown
 * @param note why the figure is missing, or a remark; empty if none
 * @param rawInterleaved for latency and the 1 MiB echo, raw TCP's figure of the same scenario
 *     and size, measured in the same worker in turns interleaved with this row's (see the
 *     driver's Interleaved and InterleavedEcho), the median over the samples; NaN if none
 * @param ratioToRawInterleaved for latency, the median over the samples of this row's figure
 *     over raw TCP's in the same sample's turns (1.05: 5% slower than raw TCP); for the 1 MiB
 *     echo, this row's throughput over raw TCP's over all the samples' turns together (0.85: 85%
 *     of raw TCP's); NaN if none; merged rounds take the median of the rounds' ratios
 */
public record Result(String client, String kind, String scenario, String param, String unit,
    boolean higherIsBetter, double median, double min, double max, int samples, double clientCpu,
    double serverCpu, String note, double rawInterleaved, double ratioToRawInterleaved) {

  private static final String PREFIX = "RESULT\t";

  /**
   * A figure without a raw-TCP reference.
   *
   * @param client row @param kind group @param scenario scenario @param param parameter
   * @param unit unit @param higherIsBetter direction @param median median @param min min
   * @param max max @param samples how many @param clientCpu client cores
   * @param serverCpu server cores @param note remark or reason
   */
  public Result(String client, String kind, String scenario, String param, String unit,
      boolean higherIsBetter, double median, double min, double max, int samples,
      double clientCpu, double serverCpu, String note) {
    this(client, kind, scenario, param, unit, higherIsBetter, median, min, max, samples,
        clientCpu, serverCpu, note, Double.NaN, Double.NaN);
  }

  /** @return whether there is a figure */
  public boolean present() {
    return !Double.isNaN(median);
  }

  /** @return the scenario and parameter, e.g. {@code echo 32 B x128} */
  public String key() {
    return param.isEmpty() ? scenario : scenario + " " + param;
  }

  /**
   * A missing figure.
   *
   * @param client row @param kind group @param scenario scenario @param param parameter
   * @param unit unit @param higherIsBetter direction @param why the reason, a sentence
   * @return the result
   */
  public static Result missing(String client, String kind, String scenario, String param,
      String unit, boolean higherIsBetter, String why) {
    return new Result(client, kind, scenario, param, unit, higherIsBetter, Double.NaN, Double.NaN,
        Double.NaN, 0, Double.NaN, Double.NaN, why);
  }

  /**
   * Combines the figures of one row and scenario from several rounds: the median of the
   * rounds' medians, the smallest min and the largest max; the median of the rounds' raw-TCP
   * references and, separately, of their ratios to them (each round's ratio pairs figures
   * measured in the same turns).
   *
   * @param rounds the same client and key from each round, at least one
   * @return the combined figure
   */
  public static Result merge(List<Result> rounds) {
    Result first = rounds.get(0);
    if (rounds.size() == 1) {
      return first;
    }
    List<Result> ok = rounds.stream().filter(Result::present).collect(Collectors.toList());
    Set<String> notes = new LinkedHashSet<>();
    rounds.stream().map(Result::note).filter(n -> !n.isEmpty()).forEach(notes::add);
    if (ok.isEmpty()) {
      return Result.missing(first.client(), first.kind(), first.scenario(), first.param(),
          first.unit(), first.higherIsBetter(), String.join("; ", notes));
    }
    if (ok.size() < rounds.size()) {
      notes.add((rounds.size() - ok.size()) + " of " + rounds.size() + " rounds failed");
    }
    double[] medians = ok.stream().mapToDouble(Result::median).toArray();
    return new Result(first.client(), first.kind(), first.scenario(), first.param(), first.unit(),
        first.higherIsBetter(), Stats.median(medians),
        ok.stream().mapToDouble(Result::min).min().orElse(Double.NaN),
        ok.stream().mapToDouble(Result::max).max().orElse(Double.NaN),
        ok.stream().mapToInt(Result::samples).sum(),
        ok.stream().mapToDouble(Result::clientCpu).average().orElse(Double.NaN),
        ok.stream().mapToDouble(Result::serverCpu).average().orElse(Double.NaN),
        String.join("; ", notes), medianOf(ok, Result::rawInterleaved),
        medianOf(ok, Result::ratioToRawInterleaved));
  }

  /** @return the median of the rounds' values that are numbers, NaN if none is */
  private static double medianOf(List<Result> rounds, ToDoubleFunction<Result> field) {
    double[] v = rounds.stream().mapToDouble(field).filter(d -> !Double.isNaN(d)).toArray();
    return v.length == 0 ? Double.NaN : Stats.median(v);
  }

  /** @return this result as one line a worker prints for the harness */
  public String toLine() {
    return PREFIX + String.join("\t", client, kind, scenario, param, unit,
        higherIsBetter ? "1" : "0", num(median), num(min), num(max), Integer.toString(samples),
        num(clientCpu), num(serverCpu), note.replace('\t', ' ').replace('\n', ' '),
        num(rawInterleaved), num(ratioToRawInterleaved));
  }

  /**
   * @param line a line from a worker
   * @return the result, or null if the line is not a result
   */
  public static Result fromLine(String line) {
    if (!line.startsWith(PREFIX)) {
      return null;
    }
    String[] f = line.substring(PREFIX.length()).split("\t", -1);
    return new Result(f[0], f[1], f[2], f[3], f[4], f[5].equals("1"), Double.parseDouble(f[6]),
        Double.parseDouble(f[7]), Double.parseDouble(f[8]), Integer.parseInt(f[9]),
        Double.parseDouble(f[10]), Double.parseDouble(f[11]), f[12], Double.parseDouble(f[13]),
        Double.parseDouble(f[14]));
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
