package dev.duplex.transport.jetty;

import dev.duplex.spi.ConnectRequest;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.io.ClientConnectionFactory;

/**
 * One HTTP proxy chosen by a {@link ProxySelector}, always reached through a CONNECT tunnel, for
 * {@code ws:} as well as {@code wss:}.
 *
 * <p>Jetty's own {@link HttpProxy} tunnels only secure targets: for {@code ws:} it sends the
 * upgrade to the proxy as an absolute-form {@code GET ws://...}, which many proxies refuse or
 * mangle. This proxy borrows {@code HttpProxy}'s tunnel machinery with tunnelling forced on, and
 * is deliberately not an {@code HttpProxy} itself, so that Jetty keeps the origin-form request
 * target ({@code GET /resource}) RFC 6455 4.1 requires inside the tunnel.
 *
 * <p>Jetty fixes a destination's proxy when it first connects to an origin, so the selector is
 * asked once per origin and transport. Threading: immutable; {@link #prepare} is thread-safe.
 */
final class SelectorProxy extends ProxyConfiguration.Proxy {
  private final ProxySelector selector;
  private final HttpProxy tunnel;

  private SelectorProxy(ProxySelector selector, Origin.Address address) {
    super(address, false, null, new Origin.Protocol(List.of("http/1.1"), false));
    this.selector = selector;
    this.tunnel = new HttpProxy(address, false) {
      @Override
      public boolean requiresTunnel(Origin serverOrigin) {
        return true;
      }
    };
  }

  /**
   * Makes sure the client knows the proxy the selector picks for {@code request}, if any.
   *
   * @param http the transport's client
   * @param selector the configured selector
   * @param request the connection about to be made
   */
  static void prepare(HttpClient http, ProxySelector selector, ConnectRequest request) {
    Origin.Address address = selected(selector, request.secure(), request.host(), request.port());
    if (address == null) {
      return;
    }
    ProxyConfiguration proxies = http.getProxyConfiguration();
    synchronized (proxies) {
      for (ProxyConfiguration.Proxy p : proxies.getProxies()) {
        if (p instanceof SelectorProxy && p.getAddress().equals(address)) {
          return;
        }
      }
      proxies.addProxy(new SelectorProxy(selector, address));
    }
  }

  private static Origin.Address selected(ProxySelector selector, boolean secure, String host,
      int port) {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    List<Proxy> choices = selector.select(URI.create((secure ? "https" : "http") + "://" + h
        + ":" + port));
    for (Proxy p : choices == null ? List.<Proxy>of() : choices) {
      if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress) {
        InetSocketAddress a = (InetSocketAddress) p.address();
        return new Origin.Address(a.getHostString(), a.getPort());
      }
      if (p.type() == Proxy.Type.DIRECT) {
        return null;
      }
    }
    return null;
  }

  @Override
  public boolean matches(Origin origin) {
    Origin.Address target = origin.getAddress();
    if (getAddress().equals(target)) {
      return false; // the proxy itself is reached directly
    }
    return getAddress().equals(selected(selector, origin.isSecure(), target.getHost(),
        target.getPort()));
  }

  @Override
  public ClientConnectionFactory newClientConnectionFactory(ClientConnectionFactory factory) {
    return tunnel.newClientConnectionFactory(factory);
  }

  @Override
  public URI getURI() {
    return tunnel.getURI();
  }
}
