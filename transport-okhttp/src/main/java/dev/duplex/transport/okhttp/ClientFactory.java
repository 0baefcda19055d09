package dev.duplex.transport.okhttp;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.TransportConfig;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.CookieJar;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttp clients of one transport: the transport's client (once) and a cheap derived
 * client per connection for the settings OkHttp only takes per client.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class ClientFactory {
  /**
   * The transport property for OkHttp's {@code minWebSocketMessageToCompress}: the smallest message,
   * in bytes, compressed when permessage-deflate is in use. Default 0 (every message) for the
   * transport's own client; a client handed in keeps its setting unless this is set.
   */
  static final String MIN_COMPRESS_PROPERTY = "okhttp.minMessageToCompress";

  private ClientFactory() {}

  private static long parseSize(String value) {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "The property " + MIN_COMPRESS_PROPERTY + " must be a byte count of 0 or more: '" + value + "'");
  }

  /**
   * The transport's client: from {@code base} (or a fresh client) with the transport's own
   * dispatcher, no redirects, no cookie jar (the engine sends and stores cookies), the handshake
   * interceptor, and the TLS and proxy settings of {@code config}.
   *
   * @param base the user's client, or null for a fresh one
   * @param config TLS and proxy settings
   * @return the client; its dispatcher belongs to the transport
   */
  static OkHttpClient create(OkHttpClient base, TransportConfig config) {
    OkHttpClient.Builder b = base == null ? new OkHttpClient.Builder() : base.newBuilder();
    Dispatcher dispatcher = new Dispatcher();
    // One thread per open WebSocket: do not stop at OkHttp's 64 (5 per host).
    dispatcher.setMaxRequests(Integer.MAX_VALUE);
    dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
    b.dispatcher(dispatcher)
        .followRedirects(false)
        .followSslRedirects(false)
        .cookieJar(CookieJar.NO_COOKIES)
        .addInterceptor(new HandshakeInterceptor());
    // Compress every message once permessage-deflate is negotiated, as browsers do, unless told
    // otherwise; OkHttp's own default leaves messages under 1 KiB uncompressed.
    Optional<String> minCompress = config.property(MIN_COMPRESS_PROPERTY);
    if (minCompress.isPresent() || base == null) {
      b.minWebSocketMessageToCompress(minCompress.map(ClientFactory::parseSize).orElse(0L));
    }
    if (config.sslContext().isPresent()) {
      SSLContext ctx = config.sslContext().get();
      // The context's own trust managers verify the peer during the TLS handshake; OkHttp uses
      // the X509TrustManager only to clean chains for certificate pinning, which is not set here.
      b.sslSocketFactory(ctx.getSocketFactory(), defaultTrustManager());
    }
    if (!config.verifyHostname()) {
      b.hostnameVerifier((host, session) -> true);
    }
    configureProxy(b, base, config);
    return b.build();
  }

  /**
   * OkHttp tunnels only wss: through an HTTP proxy; ws: gets its tunnel from the GuardedSocket, so
   * the selector OkHttp sees hides HTTP proxies for ws: (see WsProxySelector). A handed-in client
   * whose socket factory cannot be wrapped keeps OkHttp's own behaviour (an absolute-form GET).
   */
  private static void configureProxy(
      OkHttpClient.Builder b, OkHttpClient base, TransportConfig config) {
    ProxySelector chosen;
    if (config.proxySelector().isPresent()) {
      chosen = config.proxySelector().get();
    } else if (base == null) {
      b.proxy(Proxy.NO_PROXY); // TransportConfig: no selector means no proxy
      return;
    } else if (base.proxy() != null) {
      chosen = fixed(base.proxy());
    } else {
      chosen = base.proxySelector();
    }
    if (base == null || SocketCapture.canGuard(base.socketFactory())) {
      b.proxy(null).proxySelector(new WsProxySelector(chosen));
    } else if (config.proxySelector().isPresent()) {
      b.proxy(null).proxySelector(chosen);
    }
  }

  private static ProxySelector fixed(Proxy proxy) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // one fixed proxy: nothing to choose instead
      }
    };
  }

  /**
   * The client for one connection: the transport's client with this request's handshake and close
   * timeouts and keep-alive. Shares the transport client's pool and dispatcher.
   *
   * @param client the transport's client
   * @param request the connection's settings
   * @return the derived client
   */
  static OkHttpClient forRequest(OkHttpClient client, ConnectRequest request) {
    long handshake = millis(request.handshakeTimeout());
    OkHttpClient.Builder b =
        client
            .newBuilder()
            .callTimeout(handshake, TimeUnit.MILLISECONDS)
            .connectTimeout(handshake, TimeUnit.MILLISECONDS)
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .writeTimeout(0, TimeUnit.MILLISECONDS)
            .webSocketCloseTimeout(millis(request.closeTimeout()), TimeUnit.MILLISECONDS);
    Duration ping = request.pingInterval();
    if (ping.isZero()) {
      b.pingInterval(0, TimeUnit.MILLISECONDS);
    } else {
      // OkHttp has one period for both: it pings every period and fails when the previous ping is
      // still unanswered at the next. min(interval, pongTimeout) pings at least as often as asked
      // and fails no later than the pong timeout; a pong slower than the period also fails.
      Duration every = ping.compareTo(request.pongTimeout()) < 0 ? ping : request.pongTimeout();
      b.pingInterval(millis(every), TimeUnit.MILLISECONDS);
    }
    return b.build();
  }

  private static long millis(Duration d) {
    long ms = d.toMillis();
    return Math.max(1, Math.min(ms, Integer.MAX_VALUE));
  }

  private static X509TrustManager defaultTrustManager() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          return (X509TrustManager) tm;
        }
      }
      throw new IllegalStateException("The JDK offers no X509TrustManager.");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK's default trust manager is unavailable.", e);
    }
  }
}
