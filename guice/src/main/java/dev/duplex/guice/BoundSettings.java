package dev.duplex.guice;

import dev.duplex.WebSocketContext;
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
import jakarta.inject.Inject;
import java.net.ProxySelector;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What the application bound for each of {@link DuplexKeys}, as injected by the optional
 * binders, and how it maps onto a {@link WebSocketContext.Builder}: a bound setting is set on the
 * builder, an unbound one is left to {@code duplex-api}'s defaults.
 *
 * <p>Threading: filled in once by Guice, then read by one thread.
 */
final class BoundSettings {
  @Inject Optional<TransportProvider> transportProvider;
  @Inject @DuplexTransport Optional<String> transport;
  @Inject @DuplexOrigin Optional<String> origin;
  @Inject @DuplexContextName Optional<String> name;
  @Inject Optional<TransportConfig> transportConfig;
  @Inject @DuplexTls Optional<SSLContext> tls;
  @Inject @DuplexProxy Optional<ProxySelector> proxy;
  @Inject Optional<CookieStorePolicy> cookieStore;
  @Inject Optional<BufferLimitPolicy> bufferLimit;
  @Inject Optional<MessageSizePolicy> messageSize;
  @Inject Optional<HandshakeTimeoutPolicy> handshakeTimeout;
  @Inject Optional<KeepAlivePolicy> keepAlive;
  @Inject Optional<EventLoopPolicy> eventLoop;
  @Inject Optional<FailureObserver> failureObserver;
  @Inject Optional<PortBlockingPolicy> portBlocking;
  @Inject Optional<MixedContentPolicy> mixedContent;

  /**
   * Sets every bound setting except the transport on {@code builder}.
   *
   * @param builder a fresh builder
   * @return the builder
   * @throws IllegalStateException if both a {@code TransportConfig} and a TLS context or proxy
   *     selector are bound
   */
  WebSocketContext.Builder applyTo(WebSocketContext.Builder builder) {
    builder.name(name.orElse(DuplexModule.DEFAULT_CONTEXT_NAME));
    origin.ifPresent(builder::origin);
    builder.transportConfig(transportConfig());
    cookieStore.ifPresent(builder::cookieStore);
    bufferLimit.ifPresent(builder::bufferLimit);
    messageSize.ifPresent(builder::maxMessageSize);
    handshakeTimeout.ifPresent(builder::handshakeTimeout);
    keepAlive.ifPresent(builder::keepAlive);
    eventLoop.ifPresent(builder::eventLoop);
    failureObserver.ifPresent(builder::failureObserver);
    portBlocking.ifPresent(builder::portBlocking);
    mixedContent.ifPresent(builder::mixedContent);
    return builder;
  }

  private TransportConfig transportConfig() {
    if (transportConfig.isPresent()) {
      if (tls.isPresent() || proxy.isPresent()) {
        throw new IllegalStateException("Both " + DuplexKeys.TRANSPORT_CONFIG + " and "
            + (tls.isPresent() ? DuplexKeys.TLS : DuplexKeys.PROXY) + " are bound; bind the TLS "
            + "context and proxy selector inside the TransportConfig, or bind them alone.");
      }
      return transportConfig.get();
    }
    TransportConfig.Builder config = TransportConfig.builder();
    tls.ifPresent(config::sslContext);
    proxy.ifPresent(config::proxySelector);
    return config.build();
  }
}
