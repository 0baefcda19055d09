package dev.duplex.bench;

/**
 * The arithmetic of spreading idle connections over processes when one process cannot hold
 * them all: the open-file limit is per process (each connection is a file in the client and
 * another in the server), so a count beyond it is split evenly over the fewest processes that
 * each stay within it.
 *
 * <p>Threading: stateless.
 */
final class Spread {
  /** Files one process needs besides its connections when it holds a count alone. */
  static final int SPARE = 256;
  /**
   * Files each process of a spread keeps for itself: the JVM's jars and pipes, the client's
   * selectors, the server's listening sockets (3 ports on each of the loopback addresses).
   */
  static final int RESERVE = 1000;
  /** The smallest heap a worker of a spread gets, in MiB. */
  static final int MIN_HEAP_MB = 768;
  /** A worker's heap when nothing says how much a connection takes, in MiB. */
  static final int UNKNOWN_HEAP_MB = 2048;

  private Spread() {}

  /**
   * @param count connections
   * @param limit a process's open-file limit; 0 or less, or {@link Long#MAX_VALUE}, if none
   * @return whether one process can hold them (with {@link #SPARE} files to spare)
   */
  static boolean fitsOneProcess(long count, long limit) {
    return limit <= 0 || limit == Long.MAX_VALUE || count + SPARE <= limit;
  }

  /**
   * @param total connections to hold at once
   * @param limit each process's open-file limit
   * @return each process's share: as few processes as keep every share within
   *     {@code limit - RESERVE}, the shares as even as can be (they differ by one at most) and
   *     adding up to {@code total}
   * @throws IllegalArgumentException if the limit leaves no room for connections
   */
  static int[] shares(int total, long limit) {
    long capacity = limit - RESERVE;
    if (capacity <= 0 || total <= 0) {
      throw new IllegalArgumentException("cannot spread " + total + " connections over processes"
          + " with an open-file limit of " + limit);
    }
    int processes = (int) ((total + capacity - 1) / capacity);
    int[] shares = new int[processes];
    for (int i = 0; i < processes; i++) {
      shares[i] = total / processes + (i < total % processes ? 1 : 0);
    }
    return shares;
  }

  /**
   * The {@code -Xmx} of a worker of a spread: room for its share at the heap per connection
   * measured in one process, half as much again for what opening them leaves behind, and 256 MiB
   * for the client itself; never below {@link #MIN_HEAP_MB}.
   *
   * @param heapPerConnection bytes, from a single-process idle figure of the same row; NaN if none
   * @param share the worker's connections
   * @return MiB, a multiple of 128
   */
  static long workerHeapMb(double heapPerConnection, int share) {
    if (Double.isNaN(heapPerConnection)) {
      return UNKNOWN_HEAP_MB;
    }
    double mb = Math.max(0, heapPerConnection) * share * 1.5 / (1 << 20) + 256;
    return Math.max(MIN_HEAP_MB, (long) Math.ceil(mb / 128) * 128);
  }
}
