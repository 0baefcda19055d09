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
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@code WebSocketContext.Builder} was told; a null policy or transport means "not set,
 * find it" (see {@link PolicySet} and {@link TransportSelector}).
 *
 * <p>Threading: immutable.
 *
 * @param name the context's name
 * @param origin the ASCII serialization of the origin, lower case, or null
 * @param transportName the transport named on the builder, or null
 * @param transport the transport given on the builder, or null
 * @param transportConfig the transport settings
 * @param portBlocking the port policy, or null
 * @param cookieStore the cookie policy, or null
 * @param mixedContent the mixed-content policy, or null
 * @param bufferLimit the buffer limit policy, or null
 * @param maxMessageSize the message size policy, or null
 * @param handshakeTimeout the handshake timeout policy, or null
 * @param keepAlive the keep-alive policy, or null
 * @param eventLoop the event loop policy, or null
 * @param failureObserver the failure observer, or null
 * @param permessageDeflate whether to offer permessage-deflate
 * @param closeTimeout the close timeout
 * @param receiveBacklogLimit the most received bytes that may wait for the event loop
 */
public record ContextSettings(
    String name,
    String origin,
    String transportName,
    TransportProvider transport,
    TransportConfig transportConfig,
    PortBlockingPolicy portBlocking,
    CookieStorePolicy cookieStore,
    MixedContentPolicy mixedContent,
    BufferLimitPolicy bufferLimit,
    MessageSizePolicy maxMessageSize,
    HandshakeTimeoutPolicy handshakeTimeout,
    KeepAlivePolicy keepAlive,
    EventLoopPolicy eventLoop,
    FailureObserver failureObserver,
    boolean permessageDeflate,
    Duration closeTimeout,
    long receiveBacklogLimit) {

  /** The default receive backlog limit, 256 MiB: four messages of the default maximum size. */
  public static final long DEFAULT_RECEIVE_BACKLOG = 256L << 20;

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /**
   * The ASCII serialization of an origin, lower case: {@code scheme://host[:port]}, the port
   * omitted when it is the scheme's default.
   *
   * @param origin an origin or a URL
   * @return its serialization
   * @throws IllegalArgumentException if it has no scheme or host
   */
  public static String serializeOrigin(String origin) {
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The origin \"" + origin + "\" is not a URL.", e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "An origin has a scheme and a host, such as https://app.example; \"" + origin
              + "\" does not.");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme + "://" + UrlParser.hostAndPort(scheme, uri.getHost(), uri.getPort());
  }

  /** The builder's mutable state. Threading: confined to the builder's thread. */
  public static final class Mutable {
    /** See {@link ContextSettings#name()}. */
    public String name;
    /** See {@link ContextSettings#origin()}. */
    public String origin;
    /** See {@link ContextSettings#transportName()}. */
    public String transportName;
    /** See {@link ContextSettings#transport()}. */
    public TransportProvider transport;
    /** See {@link ContextSettings#transportConfig()}. */
    public TransportConfig transportConfig = TransportConfig.defaults();
    /** See {@link ContextSettings#portBlocking()}. */
    public PortBlockingPolicy portBlocking;
    /** See {@link ContextSettings#cookieStore()}. */
    public CookieStorePolicy cookieStore;
    /** See {@link ContextSettings#mixedContent()}. */
    public MixedContentPolicy mixedContent;
    /** See {@link ContextSettings#bufferLimit()}. */
    public BufferLimitPolicy bufferLimit;
    /** See {@link ContextSettings#maxMessageSize()}. */
    public MessageSizePolicy maxMessageSize;
    /** See {@link ContextSettings#handshakeTimeout()}. */
    public HandshakeTimeoutPolicy handshakeTimeout;
    /** See {@link ContextSettings#keepAlive()}. */
    public KeepAlivePolicy keepAlive;
    /** See {@link ContextSettings#eventLoop()}. */
    public EventLoopPolicy eventLoop;
    /** See {@link ContextSettings#failureObserver()}. */
    public FailureObserver failureObserver;
    /** See {@link ContextSettings#permessageDeflate()}. */
    public boolean permessageDeflate = true;
    /** See {@link ContextSettings#closeTimeout()}. */
    public Duration closeTimeout = Duration.ofSeconds(5);
    /** See {@link ContextSettings#receiveBacklogLimit()}. */
    public long receiveBacklogLimit = DEFAULT_RECEIVE_BACKLOG;

    /** @return the settings as they are now */
    public ContextSettings freeze() {
      String n = name != null ? name : "duplex-" + COUNTER.incrementAndGet();
      return new ContextSettings(n, origin, transportName, transport, transportConfig,
          portBlocking, cookieStore, mixedContent, bufferLimit, maxMessageSize, handshakeTimeout,
          keepAlive, eventLoop, failureObserver, permessageDeflate, closeTimeout,
          receiveBacklogLimit);
    }
  }
}
