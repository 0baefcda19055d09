package dev.duplex;

import dev.duplex.internal.ContextRuntime;
import dev.duplex.internal.ContextSettings;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Java stand-in for a browser document: the transport, the policies, the origin, the cookie
 * store and the event loop shared by the sockets opened through it.
 *
 * <h2>Choosing the transport</h2>
 * {@link Builder#build()} picks the transport in this order: the builder's
 * {@link Builder#transport(TransportProvider)} or {@link Builder#transport(String)}; the system
 * property {@code duplex.transport} (a provider's name; names match ignoring ASCII case); the
 * {@link TransportProvider} found with {@link java.util.ServiceLoader} that has the highest
 * priority (ties broken by name). If none is found, {@code build()} throws an {@link IllegalStateException} naming what it found and how to
 * add a transport. The choice is logged through {@link System.Logger} {@code dev.duplex}.
 *
 * <h2>Policies</h2>
 * Each policy is the one set on the builder, else the first found with
 * {@link java.util.ServiceLoader}, else the spi's default.
 *
 * <h2>Lifecycle</h2>
 * A context is open from {@code build()} until {@link #close()}, which acts as "the document goes
 * away": CONNECTING sockets fail, OPEN ones close with code 1001, and once every socket has
 * closed (or the close timeout has passed) the transport and the event loop are released.
 *
 * <p>Example, race-free (handlers set in {@code init}):
 * <pre>{@code
 * try (WebSocketContext context = WebSocketContext.builder().origin("https://app.example").build()) {
 *   context.open("wss://feed.example/prices", List.of(), ws -> {
 *     ws.binaryType(BinaryType.ARRAYBUFFER);
 *     ws.onmessage(e -> handle(e.arrayBuffer()));
 *   });
 *   ...
 * }
 * }</pre>
 *
 * <p>Threading: every method may be called from any thread. Null policy as in {@link WebSocket}.
 */
public final class WebSocketContext implements AutoCloseable {
  private static volatile WebSocketContext defaultContext;
  private final ContextRuntime runtime;

  private WebSocketContext(ContextSettings settings) {
    this.runtime = ContextRuntime.start(settings, this);
  }

  /** @return a builder with every setting at its default */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The context that {@link WebSocket#open(String, String...)} uses, built with the defaults on
   * first use and never closed by Duplex (its event loop thread is a daemon).
   *
   * @return the default context
   * @throws IllegalStateException if no transport is available
   */
  public static WebSocketContext defaultContext() {
    WebSocketContext c = defaultContext;
    if (c == null) {
      synchronized (WebSocketContext.class) {
        c = defaultContext;
        if (c == null) {
          // Built on first use, and again on the next call if building failed (no transport yet).
          c = builder().name("default").build();
          defaultContext = c;
        }
      }
    }
    return c;
  }

  /**
   * Opens a socket (the W3C constructor); returns at once in CONNECTING. See
   * {@link WebSocket} for what a plain open guarantees about events, and prefer
   * {@link #open(String, List, Consumer)}.
   *
   * @param url an absolute {@code ws:} or {@code wss:} URL without a fragment
   * @param protocols subprotocols to offer, in order of preference
   * @return the new socket
   * @throws SyntaxError if the URL is not absolute, its scheme is not ws or wss, it has a
   *     fragment, or a protocol is empty, repeated or not an RFC 2616 token
   * @throws SecurityError if the port is blocked, or the URL is {@code ws:} and the origin is
   *     secure
   * @throws InvalidStateError if this context has been closed
   */
  public WebSocket open(String url, String... protocols) {
    return runtime.open(url, Arrays.asList(protocols), null);
  }

  /**
   * Opens a socket and runs {@code init} on the calling thread before any of its events can be
   * dispatched. If {@code init} throws, the connection is failed and the exception propagates.
   *
   * @param url an absolute {@code ws:} or {@code wss:} URL without a fragment
   * @param protocols subprotocols to offer, in order of preference
   * @param init sets handlers and listeners on the new socket
   * @return the new socket
   * @throws SyntaxError if the URL or a protocol is malformed
   * @throws SecurityError if the port is blocked or the connection would be mixed content
   * @throws InvalidStateError if this context has been closed
   */
  public WebSocket open(String url, List<String> protocols, Consumer<? super WebSocket> init) {
    Objects.requireNonNull(init, "init");
    return runtime.open(url, protocols, init);
  }

  /**
   * Queues a task on the context's event loop. Sockets opened inside the task dispatch nothing
   * before it ends. A task that throws is logged and the loop carries on. Tasks queued after the
   * context has finished closing are dropped.
   *
   * @param task the task
   */
  public void run(Runnable task) {
    runtime.run(task);
  }

  /** @return the origin sent as {@code Origin} (ASCII lower case), if one was set */
  public Optional<String> origin() {
    return runtime.origin();
  }

  /** @return the context's name, used for thread names and in logs */
  public String name() {
    return runtime.name();
  }

  /** @return the {@link TransportProvider#name()} of the chosen transport */
  public String transportName() {
    return runtime.transportName();
  }

  /** @return true once {@link #close()} has been called */
  public boolean isClosed() {
    return runtime.isClosed();
  }

  /**
   * "A document goes away" (W3C section 9): fails every CONNECTING socket, starts the closing
   * handshake with code 1001 on every OPEN one, and refuses further {@code open} calls with
   * {@link InvalidStateError}. Returns at once; the sockets' events are still dispatched, and the
   * transport and event loop are released once every socket is CLOSED or after the close
   * timeout. Idempotent.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "WebSocketContext[" + name() + ", transport=" + transportName() + "]";
  }

  /**
   * Configures a {@link WebSocketContext}. Every setting has a default.
   *
   * <p>Threading: confined to one thread.
   */
  public static final class Builder {
    private final ContextSettings.Mutable s = new ContextSettings.Mutable();

    private Builder() {}

    /**
     * @param name the context's name (thread names, logs); default {@code duplex-N}
     * @return this
     */
    public Builder name(String name) {
      s.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The origin of "the entry script", for example {@code "https://app.example"}: sent as the
     * {@code Origin} header (ASCII lower case) and, when its scheme is secure, the reason that
     * {@code ws:} URLs throw {@link SecurityError}. Default: none.
     *
     * @param origin a scheme, host and optional port
     * @return this
     * @throws IllegalArgumentException if {@code origin} has no scheme or host
     */
    public Builder origin(String origin) {
      s.origin = ContextSettings.serializeOrigin(origin);
      return this;
    }

    /**
     * @param providerName the {@link TransportProvider#name()} to use
     * @return this
     */
    public Builder transport(String providerName) {
      s.transportName = Objects.requireNonNull(providerName, "providerName");
      s.transport = null;
      return this;
    }

    /**
     * @param provider the transport to use
     * @return this
     */
    public Builder transport(TransportProvider provider) {
      s.transport = Objects.requireNonNull(provider, "provider");
      s.transportName = null;
      return this;
    }

    /**
     * @param config TLS, proxy and transport settings; default {@link TransportConfig#defaults()}
     * @return this
     */
    public Builder transportConfig(TransportConfig config) {
      s.transportConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * @param policy which ports are blocked (never 80 or 443)
     * @return this
     */
    public Builder portBlocking(PortBlockingPolicy policy) {
      s.portBlocking = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy where cookies are kept
     * @return this
     */
    public Builder cookieStore(CookieStorePolicy policy) {
      s.cookieStore = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy when {@code ws:} is refused for the origin
     * @return this
     */
    public Builder mixedContent(MixedContentPolicy policy) {
      s.mixedContent = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy how many untransmitted bytes a socket may hold
     * @return this
     */
    public Builder bufferLimit(BufferLimitPolicy policy) {
      s.bufferLimit = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy the largest message accepted
     * @return this
     */
    public Builder maxMessageSize(MessageSizePolicy policy) {
      s.maxMessageSize = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy how long the opening handshake may take
     * @return this
     */
    public Builder handshakeTimeout(HandshakeTimeoutPolicy policy) {
      s.handshakeTimeout = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy keep-alive pings
     * @return this
     */
    public Builder keepAlive(KeepAlivePolicy policy) {
      s.keepAlive = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param policy where events are dispatched
     * @return this
     */
    public Builder eventLoop(EventLoopPolicy policy) {
      s.eventLoop = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param observer hears why connections failed
     * @return this
     */
    public Builder failureObserver(FailureObserver observer) {
      s.failureObserver = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * @param offer whether to offer permessage-deflate (default true)
     * @return this
     */
    public Builder permessageDeflate(boolean offer) {
      s.permessageDeflate = offer;
      return this;
    }

    /**
     * @param timeout how long to wait for the server to close TCP after the closing handshake
     *     (default 5 s); also bounds how long {@link WebSocketContext#close()} waits for sockets
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("The close timeout must be positive, not " + timeout + ".");
      }
      s.closeTimeout = timeout;
      return this;
    }

    /**
     * The most data of received messages (bytes of binary messages, UTF-16 code units of text)
     * that may wait for the event loop on one socket. A server that sends faster than the
     * handlers consume would otherwise grow memory without bound; past this limit the connection
     * is closed with prejudice ({@code error}, then {@code close} 1006, and the cause to the
     * {@link FailureObserver}). Default 256 MiB.
     *
     * @param bytes the limit, positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public Builder receiveBacklogLimit(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("The receive backlog limit must be positive, not "
            + bytes + ".");
      }
      s.receiveBacklogLimit = bytes;
      return this;
    }

    /**
     * Chooses the transport and the policies and starts the event loop.
     *
     * @return the context
     * @throws IllegalStateException if no transport can be found, or the named one is missing
     */
    public WebSocketContext build() {
      return new WebSocketContext(s.freeze());
    }
  }
}
