package dev.duplex.bench.driver;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the echo server listens: the same ports on loopback addresses 127.0.0.1..n, handed out
 * in turn so that many connections never exhaust one address's ephemeral ports.
 *
 * <p>Threading: thread-safe.
 */
public final class Target {
  private final int addresses;
  private final int wsPort;
  private final int tcpPort;
  private final int tcpStreamPort;
  private final long serverPid;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param addresses how many loopback addresses the server bound
   * @param wsPort WebSocket port
   * @param tcpPort raw TCP echo port
   * @param tcpStreamPort raw TCP stream port
   * @param serverPid the server JVM's pid, for its CPU time; -1 if unknown
   */
  public Target(int addresses, int wsPort, int tcpPort, int tcpStreamPort, long serverPid) {
    this.addresses = addresses;
    this.wsPort = wsPort;
    this.tcpPort = tcpPort;
    this.tcpStreamPort = tcpStreamPort;
    this.serverPid = serverPid;
    this.next.set((int) (System.nanoTime() & 0xff));
  }

  private String host() {
    return "127.0.0." + (1 + Math.floorMod(next.getAndIncrement(), addresses));
  }

  /** @param path e.g. {@code /} or {@code /stream} @return the next WebSocket URI */
  public URI ws(String path) {
    return URI.create("ws://" + host() + ":" + wsPort + path);
  }

  /** @return the next raw TCP echo address */
  public InetSocketAddress tcp() {
    return new InetSocketAddress(host(), tcpPort);
  }

  /** @return the next raw TCP stream address */
  public InetSocketAddress tcpStream() {
    return new InetSocketAddress(host(), tcpStreamPort);
  }

  /** @return the server JVM's pid, -1 if unknown */
  public long serverPid() {
    return serverPid;
  }

  /** @return the arguments that rebuild this target in a worker */
  public String[] toArgs() {
    return new String[] {Integer.toString(addresses), Integer.toString(wsPort),
      Integer.toString(tcpPort), Integer.toString(tcpStreamPort), Long.toString(serverPid)};
  }

  /**
   * @param a the output of {@link #toArgs()}
   * @param from where it starts in {@code a}
   * @return the target
   */
  public static Target fromArgs(String[] a, int from) {
    return new Target(Integer.parseInt(a[from]), Integer.parseInt(a[from + 1]),
        Integer.parseInt(a[from + 2]), Integer.parseInt(a[from + 3]), Long.parseLong(a[from + 4]));
  }
}
