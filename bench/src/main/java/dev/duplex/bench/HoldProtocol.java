package dev.duplex.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lines a worker that holds its share of a spread idle count ({@link SpreadIdle}) and the
 * harness ({@link Barrier}) exchange over the worker's standard output and input:
 *
 * <pre>
 * worker:  HOLDING &lt;connections&gt; &lt;heap bytes x3&gt; &lt;threads x3&gt;   all open, growth measured
 * harness: CHECK                                               (only once every worker holds)
 * worker:  STILL &lt;connections open now&gt;
 * harness: RELEASE                                             (or end of input)
 * worker:  FAILED &lt;why&gt;                                         instead of HOLDING, on failure
 * </pre>
 *
 * Growth figures are the worker's totals (heap after full collections, live threads, each three
 * times, comma-separated), not per connection, so that the harness can add the workers up.
 *
 * <p>Threading: stateless; {@link #serve} runs on the worker's main thread.
 */
final class HoldProtocol {
  static final String HOLDING = "HOLDING";
  static final String CHECK = "CHECK";
  static final String STILL = "STILL";
  static final String RELEASE = "RELEASE";
  static final String FAILED = "FAILED";

  private HoldProtocol() {}

  /** How many connections a holder has open now. */
  @FunctionalInterface
  interface OpenCount {
    /** @return the connections open now */
    int get() throws IOException;
  }

  /**
   * The worker's side: says it holds, answers each {@link #CHECK}, and returns on
   * {@link #RELEASE} or at the end of its input (the harness is gone), the connections still
   * open; the caller closes them.
   *
   * @param connections how many it opened
   * @param heap heap growth in bytes, three measurements
   * @param threads threads added, three measurements
   * @param open how many are open now
   * @param in the harness's commands
   * @param out the harness's end
   * @throws IOException if the input fails or the open count cannot be taken
   */
  static void serve(int connections, double[] heap, double[] threads, OpenCount open,
      BufferedReader in, PrintStream out) throws IOException {
    out.println(HOLDING + " " + connections + " " + join(heap) + " " + join(threads));
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals(CHECK)) {
        out.println(STILL + " " + open.get());
        out.flush();
      } else if (line.trim().equals(RELEASE)) {
        return;
      }
    }
  }

  private static String join(double[] v) {
    return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.1f", d))
        .collect(Collectors.joining(","));
  }

  /**
   * What a worker said when it held its connections.
   *
   * @param connections how many it opened
   * @param heap heap growth in bytes, three measurements
   * @param threads threads added, three measurements
   */
  record Holding(int connections, double[] heap, double[] threads) {
    /**
     * @param line a {@link #HOLDING} line
     * @return what it says
     * @throws IllegalArgumentException if it is not one
     */
    static Holding parse(String line) {
      String[] f = line.trim().split(" ");
      if (f.length != 4 || !f[0].equals(HOLDING)) {
        throw new IllegalArgumentException("not a " + HOLDING + " line: " + line);
      }
      return new Holding(Integer.parseInt(f[1]), numbers(f[2]), numbers(f[3]));
    }

    private static double[] numbers(String csv) {
      return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
  }
}
