package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;

/**
 * A plain TCP socket (for {@code ws:}) whose input OkHttp reads through an {@link InboundGuard}
 * and whose frames it writes re-masked by an {@link OutboundMasker}.
 * It is the socket the JDK's default socket factory would make, with only its streams wrapped; a client with a socket factory of its own keeps that factory and goes unguarded (see
 * {@link OkHttpTransportProvider#capabilities()}).
 *
 * <p>Threading: as thread-safe as {@link Socket}.
 */
final class GuardedSocket extends Socket {
  private final InboundGuard guard;
  private final WireControl wire;
  private final ProxySelector tunnels;
  private volatile InputStream guarded;
  private volatile OutputStream masking;

  /**
   * @param tunnels the user's proxy selector, asked for an HTTP proxy to tunnel through (see
   *     {@link WsProxySelector}), or null for none
   */
  GuardedSocket(InboundGuard guard, WireControl wire, ProxySelector tunnels) {
    this.guard = guard;
    this.wire = wire;
    this.tunnels = tunnels;
  }

  /** Connects directly, or through a CONNECT tunnel when the user's selector names an HTTP proxy. */
  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    Proxy proxy = null;
    if (tunnels != null && endpoint instanceof InetSocketAddress) {
      InetSocketAddress target = (InetSocketAddress) endpoint;
      proxy = WsProxySelector.httpProxyFor(tunnels,
          URI.create("http://" + authority(target.getHostString()) + ":" + target.getPort()));
    }
    if (proxy == null) {
      super.connect(endpoint, timeout);
      return;
    }
    InetSocketAddress at = (InetSocketAddress) proxy.address();
    super.connect(at.isUnresolved() ? new InetSocketAddress(at.getHostString(), at.getPort()) : at,
        timeout);
    // The raw streams: the tunnel's setup is neither guarded nor re-masked.
    ConnectTunnel.open(super.getInputStream(), super.getOutputStream(), (InetSocketAddress) endpoint);
  }

  private static String authority(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    InputStream in = guarded;
    if (in == null) {
      in = new GuardedInputStream(super.getInputStream(), guard);
      guarded = in;
    }
    return in;
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    OutputStream out = masking;
    if (out == null) {
      out = new MaskingOutputStream(super.getOutputStream(), wire);
      masking = out;
    }
    return out;
  }
}
