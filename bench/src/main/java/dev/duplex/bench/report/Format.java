package dev.duplex.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Number formatting shared by the writers.
 *
 * <p>Threading: stateless.
 */
public final class Format {
  private Format() {}

  /**
   * @param v a value
   * @return three significant digits with k/M suffixes, e.g. {@code 557k}, {@code 2.50M}, {@code 61.2}
   */
  public static String human(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1e6) {
      return sig(v / 1e6) + "M";
    }
    if (a >= 1e4) {
      return sig(v / 1e3) + "k";
    }
    return sig(v);
  }

  private static String sig(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.01 || a == 0) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** @param ratio a ratio @return e.g. {@code 1.07x}, or {@code -} */
  public static String ratio(double ratio) {
    if (Double.isNaN(ratio)) {
      return "-";
    }
    if (Double.isInfinite(ratio)) {
      return "inf";
    }
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }

  /**
   * @param ratio a figure over its reference, e.g. a latency over raw TCP's
   * @return e.g. {@code x1.05} (5% above the reference), or {@code -}
   */
  public static String times(double ratio) {
    return Double.isNaN(ratio) ? "-" : Double.isInfinite(ratio) ? "inf"
        : String.format(Locale.ROOT, "x%.2f", ratio);
  }

  /** @param cores CPU in cores @return e.g. {@code 95%} */
  public static String cpu(double cores) {
    return Double.isNaN(cores) ? "-" : String.format(Locale.ROOT, "%.0f%%", cores * 100);
  }

  /** @param v a value @return it in plain decimal, empty for NaN */
  public static String plain(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
