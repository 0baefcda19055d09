package dev.duplex.transport.okhttp;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * The proxy selector OkHttp sees. For {@code ws:} (OkHttp asks with an {@code http:} URI) an HTTP
 * proxy is hidden from OkHttp, which would send the upgrade request to it as an absolute-form GET
 * instead of tunnelling, and the {@link GuardedSocket} opens the CONNECT tunnel itself (RFC 6455
 * 4.1). Everything else (wss:, SOCKS, direct) is the user's selector's answer unchanged.
 *
 * <p>Threading: as thread-safe as the user's selector.
 */
final class WsProxySelector extends ProxySelector {
  private final ProxySelector delegate;

  WsProxySelector(ProxySelector delegate) {
    this.delegate = delegate;
  }

  /** @return the user's selector, which the guarded socket asks for its tunnel */
  ProxySelector delegate() {
    return delegate;
  }

  /** @return the HTTP proxy to tunnel a {@code ws:} connection to {@code uri} through, or null */
  static Proxy httpProxyFor(ProxySelector selector, URI uri) {
    List<Proxy> proxies = selector.select(uri);
    Proxy first = proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    return first.type() == Proxy.Type.HTTP ? first : null;
  }

  @Override
  public List<Proxy> select(URI uri) {
    if ("http".equalsIgnoreCase(uri.getScheme()) && httpProxyFor(delegate, uri) != null) {
      return List.of(Proxy.NO_PROXY);
    }
    return delegate.select(uri);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    delegate.connectFailed(uri, sa, ioe);
  }
}
