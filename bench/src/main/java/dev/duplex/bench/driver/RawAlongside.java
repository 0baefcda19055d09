package dev.duplex.bench.driver;

import dev.duplex.bench.Stats;
import dev.duplex.bench.report.Format;
import java.util.Arrays;
import java.util.stream.DoubleStream;

/**
 * The raw-TCP latency measured alongside a row: in the row's own worker JVM, through the same
 * server, with the code of the raw-tcp row ({@link RawTcpDriver#latency(Target, int,
 * LatencyRecorder, long)}), right before and right after the row's own latency scenario, for
 * one message size and one percentile. On a virtual machine whose round trip is several times
 * slower whenever it wakes the other vCPU, and whose mode changes from one moment to the next,
 * a raw-tcp row measured at another moment cannot say how far a row is from raw TCP; raw TCP
 * measured around the row can.
 *
 * <p>Threading: immutable.
 *
 * @param before the raw samples (one percentile, microseconds) taken just before the row, null
 *     if that measurement failed
 * @param after the same taken just after the row, null if that failed
 */
record RawAlongside(Samples before, Samples after) {
  /**
   * When the medians before and after differ by more than this factor, the machine changed its
   * latency mode while the row ran.
   */
  static final double UNSTEADY = 1.5;

  /** @return whether raw TCP was measured on at least one side */
  boolean present() {
    return before != null || after != null;
  }

  /** @return whether before and after agree within {@link #UNSTEADY} (or only one was taken) */
  boolean steady() {
    if (before == null || after == null) {
      return true;
    }
    double a = before.median();
    double b = after.median();
    return Math.max(a, b) <= UNSTEADY * Math.min(a, b);
  }

  /**
   * The figure a row is compared with: the median of every raw sample before and after it; when
   * they disagree (see {@link #steady()}), the faster side's median, so that a reference slowed
   * down around a row never flatters it.
   *
   * @return microseconds, NaN if raw TCP was not measured alongside
   */
  double reference() {
    if (!present()) {
      return Double.NaN;
    }
    if (!steady()) {
      return Math.min(before.median(), after.median());
    }
    return Stats.median(DoubleStream.concat(values(before), values(after)).toArray());
  }

  private static DoubleStream values(Samples s) {
    return s == null ? DoubleStream.empty() : Arrays.stream(s.values());
  }

  /**
   * @param row the row's samples of the same percentile and size
   * @return the row's median over the reference: 1.05 is 5% slower than raw TCP alongside; NaN
   *     without a reference
   */
  double ratio(Samples row) {
    return row.median() / reference();
  }

  /**
   * @param unit the figures' unit, e.g. {@code us}
   * @return what the reference was, for the figure's note
   */
  String note(String unit) {
    if (!present()) {
      return "no raw TCP measured alongside";
    }
    String sides = before == null ? "after only"
        : after == null ? "before only"
        : Format.human(before.median()) + " before, " + Format.human(after.median()) + " after";
    String note = "raw TCP alongside " + Format.human(reference()) + " " + unit + " (" + sides + ")";
    if (!steady()) {
      note += "; unsteady (the mode changed during the row), the faster side used";
    }
    return note;
  }
}
