package dev.duplex.transport.jetty;

import dev.duplex.spi.Capability;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.client.HttpClient;

/**
 * The Duplex transport over Jetty 12's WebSocket client, named {@code "jetty"} (priority 50), for
 * applications that already run Jetty. Found by {@link java.util.ServiceLoader}; applications
 * normally choose it by name ({@code -Dduplex.transport=jetty}) rather than create it.
 *
 * <p>Each {@link Transport} it creates owns one Jetty {@code WebSocketClient}, started with the
 * first connection and stopped when the transport is closed; all its connections share it.
 * Jetty's defaults that would break the W3C semantics are changed: no idle timeout, no 64 KiB
 * message limit (the engine's maximum message size applies), no redirects, and the opening
 * handshake is checked exactly as RFC 6455 4.1 requires.
 *
 * <h2>Configuration</h2>
 * With the no-argument constructor, the transport builds its own {@code HttpClient} from the
 * {@link TransportConfig}: its TLS context and host-name verification, and its proxy selector
 * (an HTTP proxy it returns is reached through a CONNECT tunnel for {@code ws:} and
 * {@code wss:} alike). To control Jetty further (executor, TLS, proxies), hand in a configured
 * client with {@link #JettyTransportProvider(HttpClient)}: the {@code TransportConfig}'s TLS and
 * proxy settings are then ignored, redirects are turned off per request, and the client is
 * started if needed but never stopped by Duplex. Give such a client an empty cookie store
 * ({@code HttpCookieStore.Empty}): Duplex sends its own cookies.
 *
 * <h2>Capabilities</h2>
 * Every {@link Capability} is claimed and none is a known deviation. Where Jetty 12.1.14 falls
 * short the adapter makes up for it, each time with a test of its own: exact handshake checks,
 * fail-fast UTF-8 and message limits (it takes frames and assembles messages itself), failures
 * reported as failures rather than as close codes, a close timeout, the server closing TCP first
 * ({@link CloseLinger}), keep-alive pings, pings answered, a CONNECT tunnel for {@code ws:}
 * through a proxy, and permessage-deflate ({@link ClientPerMessageDeflate}).
 *
 * <h2>Things to know</h2>
 * <ul>
 *   <li>permessage-deflate is offered with {@code client_no_context_takeover}, and the client
 *       compresses each message on its own: Jetty's client cannot honour that parameter when a
 *       server imposes it (see {@link ClientPerMessageDeflate}). Messages from the server keep
 *       full compression.
 *   <li>The proxy selector is asked once per target and transport: Jetty fixes the proxy of a
 *       destination when it first connects to it. A handed-in client uses its own proxy
 *       configuration as it stands; Jetty's {@code HttpProxy} tunnels only {@code wss:} and
 *       sends {@code ws:} to the proxy as an absolute-form {@code GET}.
 *   <li>The transport extends a class of Jetty's {@code internal} package and so runs on the
 *       class path, not as a named module.
 *   <li>Jetty logs a rejected handshake at INFO (with its stack trace), and a TLS configuration
 *       without host-name verification at WARN; normal operation logs nothing above INFO.
 * </ul>
 *
 * <p>Threading: immutable and thread-safe.
 */
public final class JettyTransportProvider implements TransportProvider {
  private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
      Capability.STRICT_UTF8,
      Capability.EMPTY_CLOSE_FRAME,
      Capability.CONNECTION_TOKEN_LIST,
      Capability.FRAME_MASKING,
      Capability.TLS,
      Capability.PERMESSAGE_DEFLATE,
      Capability.HTTP_PROXY,
      Capability.KEEP_ALIVE,
      Capability.HANDSHAKE_TIMEOUT,
      Capability.MAX_MESSAGE_SIZE));

  private final HttpClient httpClient;

  /** The provider {@link java.util.ServiceLoader} uses: each transport builds its own client. */
  public JettyTransportProvider() {
    this.httpClient = null;
  }

  /**
   * A provider whose transports all use {@code httpClient} (shared, not owned: Duplex starts it
   * if it is not running and never stops it).
   *
   * @param httpClient a configured Jetty HTTP client
   */
  public JettyTransportProvider(HttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
  }

  /** @return {@code "jetty"} */
  @Override
  public String name() {
    return "jetty";
  }

  /** @return 50: preferred over transports that do not declare a priority */
  @Override
  public int priority() {
    return 50;
  }

  /** @return every capability: Jetty can honour them all with this adapter's compensations */
  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  /** @return none: every required behaviour is provided */
  @Override
  public Map<Capability, String> knownDeviations() {
    return Map.of();
  }

  @Override
  public Transport create(TransportConfig config) {
    Objects.requireNonNull(config, "config");
    if (httpClient != null) {
      return new JettyTransport(() -> httpClient, false, null);
    }
    return new JettyTransport(() -> DefaultHttpClient.create(config), true,
        config.proxySelector().orElse(null));
  }

  @Override
  public String toString() {
    return "JettyTransportProvider[" + (httpClient == null ? "own HttpClient" : httpClient) + "]";
  }
}
