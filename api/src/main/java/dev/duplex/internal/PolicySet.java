package dev.duplex.internal;

import dev.duplex.spi.BufferLimitPolicy;
import dev.duplex.spi.CookieStorePolicy;
import dev.duplex.spi.EventLoopPolicy;
import dev.duplex.spi.FailureObserver;
import dev.duplex.spi.HandshakeTimeoutPolicy;
import dev.duplex.spi.KeepAlivePolicy;
import dev.duplex.spi.MessageSizePolicy;
import dev.duplex.spi.MixedContentPolicy;
import dev.duplex.spi.PortBlockingPolicy;
import java.util.List;
import java.util.function.Supplier;

/**
 * The policies of one context, each resolved once: the builder's, else the first found with
 * {@link java.util.ServiceLoader} (a broken provider is logged and skipped), else the spi's default.
 *
 * <p>Threading: immutable.
 *
 * @param portBlocking blocked ports
 * @param cookieStore cookie handler factory
 * @param mixedContent mixed-content rule
 * @param bufferLimit send buffer limit
 * @param maxMessageSize largest message accepted
 * @param handshakeTimeout opening handshake timeout
 * @param keepAlive keep-alive pings
 * @param eventLoop event loop factory
 * @param failureObserver hears failure causes
 */
public record PolicySet(
    PortBlockingPolicy portBlocking,
    CookieStorePolicy cookieStore,
    MixedContentPolicy mixedContent,
    BufferLimitPolicy bufferLimit,
    MessageSizePolicy maxMessageSize,
    HandshakeTimeoutPolicy handshakeTimeout,
    KeepAlivePolicy keepAlive,
    EventLoopPolicy eventLoop,
    FailureObserver failureObserver) {

  private static final System.Logger LOG = System.getLogger("dev.duplex");

  /**
   * @param s the builder's settings
   * @return the resolved policies
   */
  public static PolicySet resolve(ContextSettings s) {
    return new PolicySet(
        pick(s.portBlocking(), PortBlockingPolicy.class, PortBlockingPolicy::fetchBadPorts),
        pick(s.cookieStore(), CookieStorePolicy.class, CookieStorePolicy::inMemory),
        pick(s.mixedContent(), MixedContentPolicy.class, MixedContentPolicy::secureOriginsOnlySecure),
        pick(s.bufferLimit(), BufferLimitPolicy.class, BufferLimitPolicy::defaults),
        pick(s.maxMessageSize(), MessageSizePolicy.class, MessageSizePolicy::defaults),
        pick(s.handshakeTimeout(), HandshakeTimeoutPolicy.class, HandshakeTimeoutPolicy::defaults),
        pick(s.keepAlive(), KeepAlivePolicy.class, KeepAlivePolicy::disabled),
        pick(s.eventLoop(), EventLoopPolicy.class, EventLoopPolicy::sharedWithTransport),
        pick(s.failureObserver(), FailureObserver.class, FailureObserver::logging));
  }

  private static <T> T pick(T explicit, Class<T> type, Supplier<T> fallback) {
    if (explicit != null) {
      return explicit;
    }
    List<T> found = ServiceLookup.all(type);
    if (found.isEmpty()) {
      return fallback.get();
    }
    LOG.log(System.Logger.Level.DEBUG, "Using {0} {1} found with ServiceLoader.",
        type.getSimpleName(), found.get(0).getClass().getName());
    return found.get(0);
  }
}
