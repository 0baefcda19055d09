package dev.duplex.bench;

import java.util.Arrays;

/**
 * Median, min, max and percentiles of samples.
 *
 * <p>Threading: stateless.
 */
public final class Stats {
  private Stats() {}

  /**
   * @param samples at least one value
   * @return the median (the mean of the middle two for an even count)
   */
  public static double median(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** @param samples values @return the smallest */
  public static double min(double[] samples) {
    return Arrays.stream(samples).min().orElse(Double.NaN);
  }

  /** @param samples values @return the largest */
  public static double max(double[] samples) {
    return Arrays.stream(samples).max().orElse(Double.NaN);
  }

  /**
   * The nearest-rank percentile of values that are already sorted.
   *
   * @param sorted ascending values, at least one
   * @param count how many of them to use, from the start
   * @param p the percentile, 0 to 100
   * @return the value at that rank
   */
  public static long percentile(long[] sorted, int count, double p) {
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
  }
}
