package dev.duplex.transport.jetty;

import dev.duplex.spi.ConnectRequest;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.channels.WritePendingException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

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
  private final Scheduler scheduler;

  private SelectorProxy(ProxySelector selector, Origin.Address address, Scheduler scheduler) {
    super(address, false, null, new Origin.Protocol(List.of("http/1.1"), false));
    this.selector = selector;
    this.scheduler = scheduler;
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
      proxies.addProxy(new SelectorProxy(selector, address, http.getScheduler()));
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

  /**
   * Jetty's tunnel, with one race closed: Jetty hands the tunnelled connection to the waiting
   * upgrade request as soon as the proxy's {@code 200} arrives, and when the CONNECT request's
   * own last write has not completed yet, writing the upgrade fails with
   * {@link WritePendingException} (observed with 12.1.14 about once in 50 tries against a proxy
   * that answers at once). The connection is handed over only once the socket has no write
   * pending.
   */
  @Override
  public ClientConnectionFactory newClientConnectionFactory(ClientConnectionFactory factory) {
    ClientConnectionFactory tunnelling = tunnel.newClientConnectionFactory(factory);
    return (endPoint, context) -> {
      @SuppressWarnings("unchecked")
      Promise<Connection> promise = (Promise<Connection>) context.get(Connection.PROMISE_CONTEXT_KEY);
      context.put(Connection.PROMISE_CONTEXT_KEY, new AfterPendingWrite(promise, endPoint));
      return tunnelling.newConnection(endPoint, context);
    };
  }

  /** Completes a connection promise once its socket has no write pending. */
  private final class AfterPendingWrite implements Promise<Connection> {
    private static final int MAX_TRIES = 1000;
    private final Promise<Connection> promise;
    private final EndPoint endPoint;
    private int tries;

    AfterPendingWrite(Promise<Connection> promise, EndPoint endPoint) {
      this.promise = promise;
      this.endPoint = endPoint;
    }

    @Override
    public void succeeded(Connection connection) {
      try {
        // An empty write completes at once when no other write is pending.
        endPoint.write(Callback.from(() -> promise.succeeded(connection), promise::failed));
      } catch (WritePendingException e) {
        if (++tries > MAX_TRIES) {
          promise.failed(e);
        } else {
          scheduler.schedule(() -> succeeded(connection), 1, TimeUnit.MILLISECONDS);
        }
      }
    }

    @Override
    public void failed(Throwable failure) {
      promise.failed(failure);
    }
  }

  @Override
  public URI getURI() {
    return tunnel.getURI();
  }
}
