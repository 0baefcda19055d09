package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} for one handshake call that remembers the TCP sockets it creates, so
 * that the {@link HandshakeInterceptor} can close the connection of a refused handshake, and, for
 * {@code ws:}, reads each through an {@link InboundGuard}. OkHttp
 * itself keeps such a connection open: when a 101 response fails its own checks, or a response is
 * not 101 at all, it hands the connection back to its pool, and an application interceptor sees no
 * socket to close. (A new factory per call also keeps each WebSocket off pooled connections, which
 * OkHttp compares by socket factory.)
 *
 * <p>Threading: thread-safe; OkHttp creates the sockets on the call's thread.
 */
final class SocketCapture extends SocketFactory {
  private final SocketFactory delegate;
  private final long guardLimit;
  private final WireControl wire;
  private final ProxySelector tunnels;
  private final List<Socket> created = new CopyOnWriteArrayList<>();

  /**
   * @param delegate the client's socket factory
   * @param guardLimit the maximum message size for an {@link InboundGuard} on each socket (for
   *     {@code ws:}, where the TCP stream is the WebSocket stream, and only over the JDK's default
   *     factory), or 0 for no guard ({@code wss:} guards its TLS sockets instead)
   * @param wire the connection's wishes for its Close frame
   * @param tunnels the user's proxy selector for {@code ws:} CONNECT tunnels, or null
   */
  SocketCapture(SocketFactory delegate, long guardLimit, WireControl wire, ProxySelector tunnels) {
    this.delegate = delegate;
    this.guardLimit = guardLimit;
    this.wire = wire;
    this.tunnels = tunnels;
  }

  /** Closes every socket this call created: the handshake is refused. */
  void closeAll() {
    for (Socket s : created) {
      try {
        s.close();
      } catch (IOException e) {
        // already broken; nothing more to release
      }
    }
  }

  /** @return whether sockets of {@code factory} can be guarded: the JDK's default only */
  static boolean canGuard(SocketFactory factory) {
    return factory == SocketFactory.getDefault();
  }

  private Socket remember(Socket s) {
    created.add(s);
    return s;
  }

  /** The unconnected socket OkHttp asks for: guarded for {@code ws:} when the factory allows. */
  @Override
  public Socket createSocket() throws IOException {
    if (canGuard(delegate)) {
      InboundGuard guard = guardLimit > 0 ? new InboundGuard(guardLimit) : null;
      return remember(new GuardedSocket(guard, wire, guard == null ? null : tunnels));
    }
    return remember(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return remember(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return remember(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return remember(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return remember(delegate.createSocket(address, port, localAddress, localPort));
  }
}
