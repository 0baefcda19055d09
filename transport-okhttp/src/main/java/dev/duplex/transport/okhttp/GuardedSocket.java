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
 * The TCP socket of one WebSocket connection, as the JDK's default socket factory would make it,
 * with what OkHttp lacks added around it:
 *
 * <ul>
 *   <li>for {@code ws:}, its input read through an {@link InboundGuard} and its frames re-masked
 *       by an {@link OutboundMasker} (for {@code wss:} the {@link GuardedSslSocket} above it does
 *       that to the decrypted stream);
 *   <li>for {@code ws:}, a CONNECT tunnel through an HTTP proxy (see {@link WsProxySelector});
 *   <li>a graceful end: once the closing handshake is under way OkHttp closes the socket as soon
 *       as it can, where RFC 6455 7.1.1 lets the server close TCP first. {@link #close()} then
 *       waits for the server's end of stream (at most the close timeout) before closing, and only
 *       then lets the connection report {@code closed} (the W3C close event follows TCP's
 *       close).
 * </ul>
 *
 * A client with a socket factory of its own keeps that factory and goes without all this (see
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
  private final java.util.concurrent.atomic.AtomicBoolean lingering =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param guard the guard of a {@code ws:} stream, or null for the TCP under TLS
   * @param wire the connection's wishes and its deferred close report
   * @param tunnels the user's proxy selector, asked for an HTTP proxy to tunnel through (see
   *     {@link WsProxySelector}), or null for none
   */
  GuardedSocket(InboundGuard guard, WireControl wire, ProxySelector tunnels) {
    this.guard = guard;
    this.wire = wire;
    this.tunnels = tunnels;
    if (guard != null) {
      guard.onCloseFrame(wire::closeReceived);
    }
    wire.ownTcp();
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
    if (guard == null) {
      return super.getInputStream();
    }
    InputStream in = guarded;
    if (in == null) {
      in = new GuardedInputStream(super.getInputStream(), guard);
      guarded = in;
    }
    return in;
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    if (guard == null) {
      return super.getOutputStream();
    }
    OutputStream out = masking;
    if (out == null) {
      out = new MaskingOutputStream(super.getOutputStream(), wire);
      masking = out;
    }
    return out;
  }

  /**
   * Closes TCP. Once the server's Close frame has arrived (and unless the connection is being
   * cancelled), the first close waits for the server to close TCP (at most the close timeout)
   * and later ones return at once; then the deferred {@code closed} report runs.
   */
  @Override
  public void close() throws IOException {
    boolean linger = wire.closeWasReceived() && !wire.aborting();
    if (linger && !lingering.compareAndSet(false, true)) {
      return; // another thread is already waiting for the server; it will close
    }
    try {
      if (linger) {
        awaitServerEnd();
      }
    } finally {
      super.close();
      Runnable report = wire.tcpClosed();
      if (report != null) {
        report.run();
      }
    }
  }

  private void awaitServerEnd() {
    long deadline = System.nanoTime() + wire.closeTimeoutMillis() * 1_000_000L;
    byte[] discard = new byte[1024];
    try {
      InputStream in = super.getInputStream();
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return; // RFC 6455 7.1.1: the server did not close in time; the client does
        }
        setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        if (in.read(discard) < 0) {
          return; // the server closed TCP
        }
      }
    } catch (IOException e) {
      // reset, timed out or already closed: TCP is over either way
    }
  }
}
