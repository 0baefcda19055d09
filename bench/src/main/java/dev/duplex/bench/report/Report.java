package dev.duplex.bench.report;

import dev.duplex.bench.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one run with what is needed to read them: the machine, the plan, and every
 * comparison a table shows (ratio to the best peer, share of raw TCP), all computed from figures
 * of the same run.
 *
 * <p>Threading: immutable after construction.
 */
public final class Report {
  /** Kind of the rows the ratios compare against: libraries used directly. */
  public static final String PEER = "peer";

  private final String mode;
  private final Map<String, String> machine;
  private final List<Result> results;
  private final List<String> notes;

  /**
   * @param mode the plan's name
   * @param machine what the run ran on, in display order
   * @param results every figure, including missing ones
   * @param notes remarks printed under the table (skipped rows, limits)
   */
  public Report(String mode, Map<String, String> machine, List<Result> results, List<String> notes) {
    this.mode = mode;
    this.machine = new LinkedHashMap<>(machine);
    this.results = List.copyOf(results);
    this.notes = List.copyOf(notes);
  }

  /** @return quick or full */
  public String mode() {
    return mode;
  }

  /** @return the machine description */
  public Map<String, String> machine() {
    return machine;
  }

  /** @return every result */
  public List<Result> results() {
    return results;
  }

  /** @return the remarks */
  public List<String> notes() {
    return notes;
  }

  /** @return scenario keys in order of first appearance */
  public List<String> keys() {
    LinkedHashSet<String> k = new LinkedHashSet<>();
    results.forEach(r -> k.add(r.key()));
    return new ArrayList<>(k);
  }

  /** @return row names in order of first appearance */
  public List<String> clients() {
    LinkedHashSet<String> k = new LinkedHashSet<>();
    results.forEach(r -> k.add(r.client()));
    return new ArrayList<>(k);
  }

  /**
   * @param key a scenario key
   * @return the results of that scenario, in row order
   */
  public List<Result> forKey(String key) {
    List<Result> out = new ArrayList<>();
    for (Result r : results) {
      if (r.key().equals(key)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * @param client a row
   * @param key a scenario key
   * @return that figure, if present
   */
  public Optional<Result> find(String client, String key) {
    return results.stream().filter(r -> r.client().equals(client) && r.key().equals(key)
        && r.present()).findFirst();
  }

  /**
   * @param key a scenario key
   * @return the best peer's figure for it, if any peer has one
   */
  public Optional<Result> bestPeer(String key) {
    Result best = null;
    for (Result r : forKey(key)) {
      if (r.present() && r.kind().equals(PEER)
          && (best == null || better(r.median(), best.median(), r.higherIsBetter()))) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean better(double a, double b, boolean higher) {
    return higher ? a > b : a < b;
  }

  /**
   * How many times better than the best peer a figure is: above 1 is better, below 1 worse,
   * whatever the unit's direction (time and memory are inverted).
   *
   * @param r a figure
   * @return the ratio, NaN if there is no peer or no figure
   */
  public double ratioToBestPeer(Result r) {
    Optional<Result> best = bestPeer(r.key());
    if (best.isEmpty() || !r.present()) {
      return Double.NaN;
    }
    return ratio(r.median(), best.get().median(), r.higherIsBetter());
  }

  /**
   * The rate per second of CPU that both sides (client and server JVMs) spent on it: a
   * comparison that holds up better than the raw rate when other work on the machine takes CPU
   * from the run.
   *
   * @param r a figure
   * @return units per core-second, NaN unless {@code r} is a rate with both CPU figures
   */
  public static double perCpuSecond(Result r) {
    double cpu = r.clientCpu() + r.serverCpu();
    if (!r.present() || !r.higherIsBetter() || !r.unit().endsWith("/s") || Double.isNaN(cpu)
        || cpu <= 0) {
      return Double.NaN;
    }
    return r.median() / cpu;
  }

  /**
   * @param value a figure
   * @param reference the figure to compare with
   * @param higherIsBetter direction of the unit
   * @return how many times better {@code value} is than {@code reference}
   */
  public static double ratio(double value, double reference, boolean higherIsBetter) {
    if (higherIsBetter) {
      return reference == 0 ? Double.NaN : value / reference;
    }
    if (reference == 0) {
      return value == 0 ? 1 : Double.NaN; // "infinitely worse" says nothing useful
    }
    return value == 0 ? Double.POSITIVE_INFINITY : reference / value;
  }
}
