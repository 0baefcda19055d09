package dev.duplex.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much a run measures and for how long: the quick mode (about a minute, for the README and
 * for checking the harness) or the full mode (the published figures).
 *
 * <p>Threading: immutable.
 *
 * @param mode {@code quick} or {@code full}
 * @param warmup traffic before the first sample of each scenario
 * @param sample the length of one sample
 * @param samples samples per figure (the figure is their median)
 * @param echoSizes message sizes of the echo scenarios
 * @param latencySizes message sizes of the one-at-a-time latency scenario
 * @param streamSizes message sizes of the server-to-client stream
 * @param streamBytes the most bytes the server streams per sample (each sample is sized from
 *     the warm-up's rate to last about {@code sample})
 * @param setupConnections the most connections opened per sample of the setup-rate scenario
 *     (sized from the warm-up's rate, like the stream)
 * @param idleConnections connection counts of the idle memory and thread scenario
 * @param inFlight messages in flight in the echo scenario
 * @param maxInFlightBytes cap on the bytes in flight (1 MiB messages: 8 in flight), below
 *     OkHttp's 16 MiB send queue and Duplex's default 64 MiB buffer limit
 * @param rounds how many times every row's traffic scenarios run, the rows taking turns, so
 *     that a burst of load from elsewhere on the machine does not fall on one row only
 * @param echoInTurnsFrom the smallest echo size measured in turns with raw TCP (each lane
 *     getting the warm-up and samples, so it takes twice as long and more); smaller sizes are
 *     measured on their own
 */
public record Plan(String mode, Duration warmup, Duration sample, int samples,
    List<Integer> echoSizes, List<Integer> latencySizes, List<Integer> streamSizes,
    long streamBytes, int setupConnections, List<Integer> idleConnections, int inFlight,
    long maxInFlightBytes, int rounds, int echoInTurnsFrom) {

  /** @return the quick mode: a few scenarios, three short samples each */
  public static Plan quick() {
    return new Plan("quick", Duration.ofMillis(300), Duration.ofMillis(150), 3,
        List.of(32, 4096, 1 << 20), List.of(32), List.of(65536), 16L << 20, 200,
        List.of(1000), 128, 8L << 20, 1, 1 << 20);
  }

  /** @return the full mode: every scenario, five 0.6 s samples per round, two rounds */
  public static Plan full() {
    return new Plan("full", Duration.ofSeconds(1), Duration.ofMillis(600), 5,
        List.of(32, 1024, 4096, 65536, 1 << 20), List.of(32, 1024, 4096, 65536, 1 << 20),
        List.of(1024, 65536), 64L << 20, 1000, List.of(1000, 10_000, 100_000), 128, 8L << 20, 2,
        1 << 20);
  }

  /**
   * @param name {@code quick} or {@code full}
   * @return the plan of that name
   */
  public static Plan named(String name) {
    switch (name) {
      case "quick":
        return quick();
      case "full":
        return full();
      default:
        throw new IllegalArgumentException("No such mode: " + name + " (quick or full)");
    }
  }

  /**
   * @param counts idle-connection counts, ascending
   * @return this plan with those counts instead of its own
   */
  public Plan withIdleConnections(List<Integer> counts) {
    return new Plan(mode, warmup, sample, samples, echoSizes, latencySizes, streamSizes,
        streamBytes, setupConnections, List.copyOf(counts), inFlight, maxInFlightBytes, rounds,
        echoInTurnsFrom);
  }

  /**
   * @param size an echo size
   * @return whether its echo is measured in turns with raw TCP's
   */
  public boolean echoInTurns(int size) {
    return size >= echoInTurnsFrom;
  }

  /**
   * @param size message size
   * @return messages in flight for that size: {@link #inFlight} unless the byte cap is lower
   */
  public int inFlightFor(int size) {
    return (int) Math.max(1, Math.min(inFlight, maxInFlightBytes / size));
  }
}
