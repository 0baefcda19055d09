package dev.duplex.spi;

import java.util.BitSet;

/**
 * Which ports a WebSocket may not connect to (W3C constructor step 4: "If port is a port to
 * which the user agent is configured to block access, then throw a SecurityError"). Ports 80 and
 * 443 are never blocked, whatever the policy says.
 *
 * <p>Default: {@link #fetchBadPorts()}. Threading: implementations must be thread-safe.
 */
@FunctionalInterface
public interface PortBlockingPolicy {

  /**
   * @param port a port from 1 to 65535
   * @return true if connecting to it must throw a SecurityError
   */
  boolean isBlocked(int port);

  /**
   * The "bad ports" of the Fetch standard (SMTP, IRC, SIP and the like), which browsers block.
   *
   * @return the default policy
   */
  static PortBlockingPolicy fetchBadPorts() {
    return FetchBadPorts.INSTANCE;
  }

  /** @return a policy that blocks nothing */
  static PortBlockingPolicy none() {
    return port -> false;
  }
}

/** The Fetch standard's port blocking list. */
final class FetchBadPorts implements PortBlockingPolicy {
  private static final int[] PORTS = {
    0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101,
    102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389,
    427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
    989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665,
    6666, 6667, 6668, 6669, 6679, 6697, 10080
  };
  private final BitSet blocked = new BitSet(65536);
  // After PORTS: static fields initialise in order, and the constructor reads PORTS.
  static final FetchBadPorts INSTANCE = new FetchBadPorts();

  private FetchBadPorts() {
    for (int p : PORTS) {
      blocked.set(p);
    }
  }

  @Override
  public boolean isBlocked(int port) {
    return port >= 0 && port < 65536 && blocked.get(port);
  }

  @Override
  public String toString() {
    return "PortBlockingPolicy.fetchBadPorts()";
  }
}
