package dev.duplex.transport.jetty;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Transport;
import java.net.ProxySelector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * A transport over one Jetty {@link WebSocketClient} (and its {@link HttpClient}), started by the
 * first {@link #connect} and stopped by {@link #close()}, shared by all the connections opened
 * through it.
 *
 * <p>Stopping happens on a thread of its own: Jetty can hang when a client is stopped from one of
 * its own threads (jetty/jetty.project#5155), and {@code close()} may be called from inside a
 * listener callback. It waits for the stop only when called from a thread that is not Jetty's.
 *
 * <p>Threading: thread-safe.
 */
final class JettyTransport implements Transport {
  private static final System.Logger LOG = System.getLogger(JettyTransport.class.getName());
  /** How long Jetty may take to stop (its default is forever). */
  private static final long STOP_TIMEOUT_MS = 5_000;

  /** The lifecycle of the shared client. */
  enum State {
    /** No connection yet; the client is not started. */
    NEW,
    /** The client runs. */
    STARTED,
    /** Closed; {@link #connect} throws. */
    CLOSED
  }

  private final Supplier<HttpClient> httpClients;
  private final boolean ownsHttpClient;
  private final ProxySelector proxySelector;
  private final Set<JettyConnection> connections = ConcurrentHashMap.newKeySet();
  private final Map<Session, JettyConnection> sessions = new ConcurrentHashMap<>();

  // Guarded by this.
  private State state = State.NEW;
  private volatile HttpClient http; // volatile too: read on every event by onTransportThread
  private WebSocketClient client;
  private WebSocketComponents components;

  /**
   * @param httpClients makes the HTTP client when the transport starts
   * @param ownsHttpClient whether {@link #close()} stops that client (false for a handed-in one)
   * @param proxySelector chooses an HTTP proxy per target, or null for none
   */
  JettyTransport(Supplier<HttpClient> httpClients, boolean ownsHttpClient,
      ProxySelector proxySelector) {
    this.httpClients = httpClients;
    this.ownsHttpClient = ownsHttpClient;
    this.proxySelector = proxySelector;
  }

  @Override
  public Connection connect(ConnectRequest request, ConnectionListener listener) {
    WebSocketClient ws = started();
    if (proxySelector != null) {
      SelectorProxy.prepare(ws.getHttpClient(), proxySelector, request);
    }
    JettyConnection connection = new JettyConnection(this, request, listener);
    connections.add(connection);
    synchronized (this) {
      if (state == State.CLOSED) { // closed while we were connecting: report, don't leak
        connections.remove(connection);
        throw new IllegalStateException("This Jetty transport has been closed.");
      }
    }
    connection.start(ws);
    return connection;
  }

  private synchronized WebSocketClient started() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("This Jetty transport has been closed.");
    }
    if (state == State.NEW) {
      HttpClient h = httpClients.get();
      WebSocketClient ws = new WebSocketClient(h);
      ws.setIdleTimeout(java.time.Duration.ZERO);
      ws.setStopAtShutdown(false);
      ws.setStopTimeout(STOP_TIMEOUT_MS);
      components = ws.getBean(WebSocketCoreClient.class).getWebSocketComponents();
      components.getExtensionRegistry().register("permessage-deflate", ClientPerMessageDeflate.class);
      components.getExtensionRegistry().register(CloseLinger.NAME, CloseLinger.class);
      ws.addSessionListener(new WebSocketSessionListener() {
        @Override
        public void onWebSocketSessionClosed(Session session) {
          JettyConnection c = sessions.remove(session);
          if (c != null) {
            c.onTcpClosed();
          }
        }
      });
      try {
        if (!h.isStarted()) {
          h.start();
        }
        ws.start();
      } catch (Exception e) {
        stopQuietly(ws, ownsHttpClient ? h : null);
        throw new IllegalStateException("Jetty's WebSocket client could not start: " + e, e);
      }
      http = h;
      client = ws;
      CloseLinger.register(components, h.getScheduler());
      state = State.STARTED;
    }
    return client;
  }

  /** @return the Jetty client, null before the first connection; for tests */
  synchronized WebSocketClient webSocketClient() {
    return client;
  }

  /**
   * Whether the calling thread is one on which connections may run the listener at once, with no
   * hand-over: for a client of the transport's own, a thread of its pool (not the scheduler's
   * thread, which all the transport's timers share); for a handed-in client, any of its pool's
   * threads, as its name tells (the listener then never runs application code: see
   * {@link #allowsInlineDispatch()}).
   *
   * @return whether the calling thread is one of this transport's Jetty threads
   */
  boolean onTransportThread() {
    HttpClient h = http;
    if (h == null) {
      return false;
    }
    if (ownsHttpClient && h.getExecutor() instanceof DefaultHttpClient.OwnPool) {
      return ((DefaultHttpClient.OwnPool) h.getExecutor()).runsThisThread();
    }
    return isJettyThread(h);
  }

  /**
   * True for a transport that built its own {@code HttpClient} (the provider's no-argument
   * constructor, as {@link java.util.ServiceLoader} creates it); false for one handed a client.
   *
   * <p>With its own client every condition of the spi holds, and the application's handlers may
   * run on Jetty's threads when the context's loop is idle:
   * <ul>
   *   <li><em>No lock held.</em> Jetty calls the endpoint outside its own locks (the WebSocket
   *       connection parses and delivers frames outside its lock, and completes writes outside
   *       its flusher's lock; checked against 12.1.14), and the connection reports outside its own
   *       lock, one report at a time through a {@link CallbackSequencer} that holds no lock while
   *       a report runs. A handler that sends or closes from inside a report only queues behind
   *       it.
   *   <li><em>Never inside a {@code Connection} method.</em> Jetty completes a write inside
   *       {@code Session.sendText} when the socket takes it at once, and may end a session inside
   *       {@code close} or {@code disconnect}. A report caused inside any {@code Connection}
   *       method, on any thread, is handed to Jetty's pool instead of run there.
   *   <li><em>The transport's threads alone.</em> Reports run at once only on the threads of the
   *       pool the transport built ({@code duplex-jetty-N}); timers (handshake and close timeouts,
   *       keep-alive, the wait for the server's end of the stream) run on its scheduler's single
   *       thread and hand their reports to the pool, so a blocking handler never holds up the
   *       timers of other connections. Jetty reads a WebSocket connection in a task of invocation
   *       type {@code BLOCKING}, which its selector never runs itself without another thread taking
   *       over the selecting, so a handler that blocks holds up its own connection (whose next
   *       frame is demanded only when the report returns) and one pool thread, not the selector.
   *       One that blocks on another thread (a write completion's) lets the messages Jetty reads
   *       meanwhile queue up to {@link CallbackSequencer#MAX_QUEUED_BYTES} (plus one message);
   *       then the next frame is not demanded until the queue drains, and TCP holds the server
   *       back.
   * </ul>
   *
   * <p>A handed-in client's threads may be the application's own (its executor is the caller's
   * choice, possibly shared with a server or other clients); a slow handler on them would hold up
   * work that is not this transport's, so such a transport keeps every handler on the context's
   * thread.
   */
  @Override
  public boolean allowsInlineDispatch() {
    return ownsHttpClient;
  }

  Executor executor() {
    return http.getExecutor();
  }

  Scheduler scheduler() {
    return http.getScheduler();
  }

  void register(Session session, JettyConnection connection) {
    sessions.put(session, connection);
  }

  void unregister(JettyConnection connection, Session session) {
    connections.remove(connection);
    if (session != null) {
      sessions.remove(session, connection);
    }
  }

  @Override
  public void close() {
    WebSocketClient ws;
    HttpClient h;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      ws = client;
      h = http;
    }
    for (JettyConnection c : List.copyOf(connections)) {
      c.abort();
    }
    if (ws == null) {
      return;
    }
    CloseLinger.unregister(components);
    Thread stopper = new Thread(() -> stopQuietly(ws, ownsHttpClient ? h : null),
        "duplex-jetty-stop");
    stopper.setDaemon(true);
    stopper.start();
    if (!isJettyThread(h)) {
      try {
        stopper.join(2 * STOP_TIMEOUT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean isJettyThread(HttpClient h) {
    String name = Thread.currentThread().getName();
    if (h.getExecutor() instanceof QueuedThreadPool
        && name.startsWith(((QueuedThreadPool) h.getExecutor()).getName())) {
      return true;
    }
    return name.startsWith(DefaultHttpClient.THREAD_PREFIX);
  }

  private static void stopQuietly(WebSocketClient ws, HttpClient h) {
    try {
      ws.stop();
      if (h != null) {
        h.stop();
      }
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "Jetty's WebSocket client did not stop cleanly.", e);
    }
  }
}
