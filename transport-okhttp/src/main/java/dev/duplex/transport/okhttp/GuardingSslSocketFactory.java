package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one {@code wss:} handshake call: the client's own factory, with each
 * TLS socket it makes read through a fresh {@link InboundGuard}.
 *
 * <p>Threading: thread-safe.
 */
final class GuardingSslSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final long maxMessageSize;
  private final WireControl wire;

  GuardingSslSocketFactory(SSLSocketFactory delegate, long maxMessageSize, WireControl wire) {
    this.delegate = delegate;
    this.maxMessageSize = maxMessageSize;
    this.wire = wire;
  }

  private Socket guard(Socket s) {
    return s instanceof SSLSocket
        ? new GuardedSslSocket((SSLSocket) s, new InboundGuard(maxMessageSize), wire)
        : s;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return guard(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket() throws IOException {
    return guard(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return guard(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return guard(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return guard(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return guard(delegate.createSocket(address, port, localAddress, localPort));
  }
}
