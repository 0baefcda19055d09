package dev.duplex.internal;

import dev.duplex.InvalidStateError;
import dev.duplex.SecurityError;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.EventLoop;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.KeepAlivePolicy;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportProvider;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The engine behind a {@link WebSocketContext}: the constructor's steps (section 4), the
 * transport, the policies, the cookie store, the event loop, the sockets that are still alive,
 * and "make disappear" when the context closes.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class ContextRuntime {
  private static final System.Logger LOG = System.getLogger("dev.duplex");

  private final ContextSettings settings;
  private final PolicySet policies;
  private final TransportProvider provider;
  private final Transport transport;
  private final EventLoop loop;
  private final CookieHandler cookies;
  private final WebSocketContext publicContext;
  /** Every socket not yet CLOSED: keeps engines (and pinned facades) reachable. */
  private final Set<SocketEngine> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();

  private ContextRuntime(ContextSettings settings, WebSocketContext publicContext) {
    this.settings = settings;
    this.publicContext = publicContext;
    this.provider = TransportSelector.select(settings).provider();
    this.policies = PolicySet.resolve(settings);
    this.cookies = policies.cookieStore().newCookieHandler();
    this.transport = provider.create(settings.transportConfig());
    try {
      this.loop = policies.eventLoop().newEventLoop(settings.name());
    } catch (RuntimeException e) {
      transport.close();
      throw e;
    }
  }

  /**
   * @param settings what the builder was told
   * @param publicContext the context this runtime serves
   * @return a running context
   * @throws IllegalStateException if no transport is found
   */
  public static ContextRuntime start(ContextSettings settings, WebSocketContext publicContext) {
    return new ContextRuntime(settings, publicContext);
  }

  /**
   * The W3C constructor, steps 1–8.
   *
   * @param url the url argument
   * @param protocols the protocols argument
   * @param init run before any event can be dispatched, or null
   * @return the socket
   */
  public WebSocket open(String url, List<String> protocols, Consumer<? super WebSocket> init) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(protocols, "protocols");
    if (closed.get()) {
      throw new InvalidStateError("The context \"" + settings.name()
          + "\" is closed; open sockets on a context that is not.");
    }
    ParsedUrl parsed = UrlParser.parse(url);
    URI uri = parsed.uri();
    if (policies.mixedContent().isBlocked(settings.origin(), uri)) {
      throw new SecurityError("The insecure URL " + parsed.href()
          + " may not be opened from the secure origin " + settings.origin() + "; use wss:.");
    }
    int port = parsed.port();
    if (port != 80 && port != 443 && policies.portBlocking().isBlocked(port)) {
      throw new SecurityError("Connecting to port " + port + " is blocked.");
    }
    List<String> offered = ProtocolListValidator.validate(protocols);
    ConnectRequest request = request(parsed, uri, offered);

    boolean perSocket = policies.eventLoop().perSocket();
    EventLoop socketLoop = perSocket ? policies.eventLoop().newEventLoop(parsed.href()) : loop;
    SocketEngine engine = new SocketEngine(this, parsed, socketLoop, perSocket,
        policies.bufferLimit().maxBufferedBytes(), settings.receiveBacklogLimit(),
        transport.allowsInlineDispatch());
    WebSocketFacade socket = new WebSocketFacade(engine);
    live.add(engine);
    engine.connect(transport, request);
    if (closed.get()) {
      engine.goAway();
    }
    if (init != null) {
      try {
        init.accept(socket);
      } catch (RuntimeException | Error e) {
        socket.close();
        engine.inbox().release();
        throw e;
      }
    }
    if (!LoopTaskScope.deferToEndOfTask(engine.inbox()::release)) {
      engine.inbox().release();
    }
    return socket;
  }

  private ConnectRequest request(ParsedUrl url, URI uri, List<String> protocols) {
    KeepAlivePolicy keepAlive = policies.keepAlive();
    ConnectRequest.Builder b = ConnectRequest.builder(uri)
        .protocols(protocols)
        .origin(settings.origin())
        .permessageDeflate(settings.permessageDeflate())
        .handshakeTimeout(policies.handshakeTimeout().handshakeTimeout())
        .closeTimeout(settings.closeTimeout())
        .maxMessageSize(policies.maxMessageSize().maxMessageSize())
        .keepAlive(keepAlive.pingInterval(), keepAlive.pongTimeout());
    cookieHeader(url).ifPresent(value -> b.header("Cookie", value));
    return b.build();
  }

  private Optional<String> cookieHeader(ParsedUrl url) {
    try {
      List<String> values = cookies.get(url.httpUri(), Map.of()).get("Cookie");
      if (values == null || values.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(String.join("; ", values));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "The cookie store failed to give the cookies for "
          + url.href() + "; connecting without them.", e);
      return Optional.empty();
    }
  }

  /** Step 4 of the open task: the handshake's Set-Cookie headers go to the cookie store. */
  void storeCookies(ParsedUrl url, Handshake handshake) {
    try {
      cookies.put(url.httpUri(), handshake.headers());
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "The cookie store failed to keep the cookies of "
          + url.href() + ".", e);
    }
  }

  void observeFailure(ParsedUrl url, Throwable cause) {
    try {
      policies.failureObserver().connectionFailed(url.uri(), cause);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "The failure observer threw.", e);
    }
  }

  /**
   * Queues {@code task} on the context's loop.
   *
   * @param task the task
   */
  public void run(Runnable task) {
    Objects.requireNonNull(task, "task");
    loop.execute(() -> LoopTaskScope.run(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "A task given to context.run threw; the event loop "
            + "carries on.", e);
      }
    }));
  }

  void socketClosed(SocketEngine engine) {
    live.remove(engine);
    if (closed.get() && live.isEmpty()) {
      release();
    }
  }

  /** "A document goes away": fail CONNECTING sockets, close OPEN ones with 1001. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (SocketEngine engine : live) {
      engine.goAway();
    }
    if (live.isEmpty()) {
      release();
    } else {
      long wait = settings.closeTimeout().toMillis() * 2;
      CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(this::release);
    }
  }

  private void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try {
      transport.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "The transport \"" + provider.name()
          + "\" failed to close.", e);
    }
    loop.shutdown();
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return closed.get();
  }

  /** @return the origin, if set */
  public Optional<String> origin() {
    return Optional.ofNullable(settings.origin());
  }

  /** @return the context's name */
  public String name() {
    return settings.name();
  }

  /** @return the chosen transport's name */
  public String transportName() {
    return provider.name();
  }

  WebSocketContext publicContext() {
    return publicContext;
  }

  /** @return the number of sockets not yet CLOSED (for tests and diagnostics) */
  int liveSockets() {
    return live.size();
  }
}
