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

  /** @return whether the calling thread is one of this transport's Jetty threads */
  boolean onTransportThread() {
    HttpClient h = http;
    return h != null && isJettyThread(h);
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
