package dev.duplex.bench.driver;

import dev.duplex.bench.Stats;

/**
 * The samples of one figure and the CPU both sides used while they were taken.
 *
 * <p>Threading: immutable once built.
 *
 * @param values the samples
 * @param clientCpu cores the client JVM used
 * @param serverCpu cores the server JVM used
 */
record Samples(double[] values, double clientCpu, double serverCpu) {
  double median() {
    return Stats.median(values);
  }

  double min() {
    return Stats.min(values);
  }

  double max() {
    return Stats.max(values);
  }
}
