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
