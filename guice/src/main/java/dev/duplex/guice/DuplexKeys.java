package dev.duplex.guice;

import com.google.inject.Key;
import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.spi.CookieStorePolicy;
import dev.duplex.spi.EventLoopPolicy;
import dev.duplex.spi.FailureObserver;
import dev.duplex.spi.HandshakeTimeoutPolicy;
import dev.duplex.spi.KeepAlivePolicy;
import dev.duplex.spi.MessageSizePolicy;
import dev.duplex.spi.MixedContentPolicy;
import dev.duplex.spi.PortBlockingPolicy;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.net.ProxySelector;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The keys {@link DuplexModule} reads, each declared with an {@code OptionalBinder} and unbound
 * unless the application binds it. An unbound key leaves the setting to {@code duplex-api}'s own
 * default chain: the first implementation found with {@link java.util.ServiceLoader}, else the
 * spi's default (see each policy's javadoc for its default).
 *
 * <p>Three equivalent ways to set one, for example the buffer limit:
 * <pre>{@code
 * bind(DuplexKeys.BUFFER_LIMIT).toInstance(BufferLimitPolicy.of(1 << 20));          // plain
 * binding
 * OptionalBinder.newOptionalBinder(binder(), DuplexKeys.BUFFER_LIMIT)
 *     .setBinding().toInstance(BufferLimitPolicy.of(1 << 20));                    // OptionalBinder
 * Modules.override(new DuplexModule(), production).with(testOverrides);           // per
 * environment
 * }</pre>
 *
 * <p>Threading: constants only.
 */
public final class DuplexKeys {
  /** The transport's name; see {@link DuplexTransport} for what applies when it is unbound. */
  public static final Key<String> TRANSPORT = Key.get(String.class, DuplexTransport.class);
  /**
   * A transport instance, for a provider that needs constructing (for example
   * {@code new JettyTransportProvider(myHttpClient)}); wins over {@link #TRANSPORT}.
   */
  public static final Key<TransportProvider> TRANSPORT_PROVIDER = Key.get(TransportProvider.class);
  /** The context's origin; unbound: none. */
  public static final Key<String> ORIGIN = Key.get(String.class, DuplexOrigin.class);
  /** The context's name; unbound: {@value DuplexModule#DEFAULT_CONTEXT_NAME}. */
  public static final Key<String> CONTEXT_NAME = Key.get(String.class, DuplexContextName.class);
  /**
   * TLS, proxy and transport properties in one; unbound: built from {@link #TLS} and
   * {@link #PROXY}.
   */
  public static final Key<TransportConfig> TRANSPORT_CONFIG = Key.get(TransportConfig.class);
  /** The TLS context for {@code wss:}; unbound: the JDK default. */
  public static final Key<SSLContext> TLS = Key.get(SSLContext.class, DuplexTls.class);
  /** The proxy selector; unbound: direct connections. */
  public static final Key<ProxySelector> PROXY = Key.get(ProxySelector.class, DuplexProxy.class);
  /** Where cookies are kept; spi default: an in-memory store per context. */
  public static final Key<CookieStorePolicy> COOKIE_STORE = Key.get(CookieStorePolicy.class);
  /** How many untransmitted bytes a socket may hold; spi default: 64 MiB. */
  public static final Key<BufferLimitPolicy> BUFFER_LIMIT = Key.get(BufferLimitPolicy.class);
  /** The largest message accepted; spi default: 64 MiB. */
  public static final Key<MessageSizePolicy> MESSAGE_SIZE = Key.get(MessageSizePolicy.class);
  /** How long the opening handshake may take; spi default: 30 s. */
  public static final Key<HandshakeTimeoutPolicy> HANDSHAKE_TIMEOUT =
      Key.get(HandshakeTimeoutPolicy.class);
  /** Keep-alive pings; spi default: none. */
  public static final Key<KeepAlivePolicy> KEEP_ALIVE = Key.get(KeepAlivePolicy.class);
  /** Where events are dispatched; spi default: one daemon thread per context. */
  public static final Key<EventLoopPolicy> EVENT_LOOP = Key.get(EventLoopPolicy.class);
  /** Hears why connections failed; spi default: logs to {@code System.Logger "dev.duplex"}. */
  public static final Key<FailureObserver> FAILURE_OBSERVER = Key.get(FailureObserver.class);
  /** Which ports are blocked; spi default: the Fetch standard's bad ports. */
  public static final Key<PortBlockingPolicy> PORT_BLOCKING = Key.get(PortBlockingPolicy.class);
  /** When {@code ws:} is refused for the origin; spi default: for secure origins. */
  public static final Key<MixedContentPolicy> MIXED_CONTENT = Key.get(MixedContentPolicy.class);

  /** Every key above, in the order {@link DuplexModule} declares them. */
  static final List<Key<?>> ALL = List.of(TRANSPORT, TRANSPORT_PROVIDER, ORIGIN, CONTEXT_NAME,
      TRANSPORT_CONFIG, TLS, PROXY, COOKIE_STORE, BUFFER_LIMIT, MESSAGE_SIZE, HANDSHAKE_TIMEOUT,
      KEEP_ALIVE, EVENT_LOOP, FAILURE_OBSERVER, PORT_BLOCKING, MIXED_CONTENT);

  private DuplexKeys() {}
}
