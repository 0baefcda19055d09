package dev.duplex.bench;

import java.util.Locale;

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
 */
public record Result(String client, String kind, String scenario, String param, String unit,
    boolean higherIsBetter, double median, double min, double max, int samples, double clientCpu,
    double serverCpu, String note) {

  private static final String PREFIX = "RESULT\t";

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

  /** @return this result as one line a worker prints for the harness */
  public String toLine() {
    return PREFIX + String.join("\t", client, kind, scenario, param, unit,
        higherIsBetter ? "1" : "0", num(median), num(min), num(max), Integer.toString(samples),
        num(clientCpu), num(serverCpu), note.replace('\t', ' ').replace('\n', ' '));
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
        Double.parseDouble(f[10]), Double.parseDouble(f[11]), f[12]);
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
