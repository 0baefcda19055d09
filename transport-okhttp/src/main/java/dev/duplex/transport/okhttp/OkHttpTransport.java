package dev.duplex.transport.okhttp;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Transport;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;

/**
 * A transport over one OkHttp client: its dispatcher (one thread per open socket), one scheduler
 * thread that polls the outgoing queues and times terminal callbacks, and daemon callback threads,
 * made on demand, that deliver the reports not made on a socket's reader thread.
 *
 * <p>Threading: every method is safe from any thread, including from inside a listener callback.
 */
final class OkHttpTransport implements Transport {
  private final OkHttpClient client;
  /** Whether the client was built by the transport alone (no handed-in client behind it). */
  private final boolean ownClient;
  private final ScheduledThreadPoolExecutor scheduler;
  /** Delivers the reports made on threads that may not run the listener (see ListenerGate). */
  private final ExecutorService callbacks;
  private final Set<OkHttpConnection> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param client the transport's client, made by {@link ClientFactory#create}
   * @param ownClient true if that client was built from nothing, false if it was derived from a
   *     client the application handed in
   */
  OkHttpTransport(OkHttpClient client, boolean ownClient) {
    this.client = client;
    this.ownClient = ownClient;
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "duplex-okhttp-flow");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    this.callbacks =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "duplex-okhttp-callbacks");
              t.setDaemon(true);
              return t;
            });
  }

  /** @return the transport's client (for tests and diagnostics) */
  OkHttpClient client() {
    return client;
  }

  @Override
  public Connection connect(ConnectRequest request, ConnectionListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (closed.get()) {
      throw new IllegalStateException("This OkHttp transport has been closed.");
    }
    WireControl wire = new WireControl(request.closeTimeout().toMillis());
    OkHttpConnection connection =
        new OkHttpConnection(request.uri(), listener, scheduler, wire, live::remove, callbacks);
    live.add(connection);
    Request okRequest;
    try {
      okRequest = toOkHttp(request, wire);
    } catch (IllegalArgumentException e) {
      // OkHttp's URL parser is stricter than the engine's; report it like any failure, later.
      IOException cause =
          new IOException("OkHttp cannot request " + request.uri() + ": " + e.getMessage(), e);
      live.remove(connection);
      connection.gate().failed(cause);
      connection.gate().release(); // delivered on a callback thread
      return connection;
    }
    OkHttpClient perRequest = ClientFactory.forRequest(client, request);
    // Reports wait until OkHttp's socket is recorded; then a callback thread delivers them.
    WebSocket ws = perRequest.newWebSocket(okRequest, connection);
    connection.attach(ws);
    connection.gate().release();
    return connection;
  }

  private static Request toOkHttp(ConnectRequest request, WireControl wire) {
    Request.Builder b = new Request.Builder().url(request.uri().toString());
    if (!request.protocols().isEmpty()) {
      b.header(HandshakeInterceptor.PROTOCOL, String.join(", ", request.protocols()));
    }
    request.origin().ifPresent(origin -> b.header("Origin", origin));
    for (Map.Entry<String, String> h : request.headers()) {
      // OkHttp fails a request that carries its own Sec-WebSocket-* headers; the spi excludes them.
      if (!h.getKey().toLowerCase(Locale.ROOT).startsWith("sec-websocket-")) {
        b.addHeader(h.getKey(), h.getValue());
      }
    }
    b.tag(HandshakeOffer.class, new HandshakeOffer(request.protocols(), request.permessageDeflate(),
        request.secure(), request.maxMessageSize(), wire));
    return b.build();
  }

  /**
   * True for a transport that built its own client (the provider's no-argument constructor, as
   * {@link java.util.ServiceLoader} creates it); false for one whose client derives from a client
   * handed in with {@code new OkHttpTransportProvider(client)}. May be called from any thread.
   *
   * <p>With its own client each condition of the spi holds (checked against OkHttp 5.5.1):
   *
   * <ul>
   *   <li><em>The transport's threads alone.</em> OkHttp reads each socket on a thread of the
   *       client's dispatcher, which is the transport's own, for the socket's whole life, and
   *       calls {@code onOpen}, {@code onMessage}, {@code onClosing} and most ends there. OkHttp
   *       also reports on the threads of its {@code TaskRunner}, which every OkHttp client in the
   *       JVM shares ({@code onClosed} after it wrote a reply to the server's Close, {@code
   *       onFailure} for a failed write or a missing pong); those reports, the poller's {@code
   *       transmitted} and the deferred clean close are handed to the transport's callback
   *       threads ({@code duplex-okhttp-callbacks}), never run where they arise ({@link
   *       ListenerGate}).
   *   <li><em>No lock held.</em> OkHttp calls its listener outside its own lock ({@code
   *       RealWebSocket}'s monitor is released before every listener call), the connection reports
   *       outside its own, and the gate holds no lock while a report runs: a handler that sends or
   *       closes from inside a report only takes the locks a send or close takes from any thread.
   *   <li><em>Never inside a {@code Connection} method.</em> OkHttp's {@code send} and {@code
   *       close} only queue for its writer, and never report inside the call; {@code cancel}
   *       closes the socket on the calling thread, which can release the deferred report of a
   *       clean close, and that report is handed to a callback thread, as is any made while a
   *       {@code Connection} method runs.
   * </ul>
   *
   * <p>A handed-in client brings code of the application's into the very calls these conditions
   * are about: its interceptors, event listener, DNS, proxy selector and socket factory run on
   * the reader threads and inside OkHttp's {@code cancel} (which runs the event listener's {@code
   * canceled} and closes the application's sockets on the calling thread), and a socket factory
   * of its own leaves the sockets unguarded (see {@link OkHttpTransportProvider#capabilities()}).
   * The adapter cannot vouch for that code, so such a transport keeps every handler on the
   * context's thread. (The reports still go through the same {@link ListenerGate}, so the
   * listener is not called from inside a {@code Connection} method there either.)
   *
   * <p>A handler run inline that blocks holds up its own socket's reading (OkHttp reads the next
   * frame when the report returns), not other sockets' or the poller; with keep-alive on, a block
   * longer than the ping period leaves the pong unread and OkHttp fails the connection. One that
   * blocks on a callback thread lets the reader queue up to {@link ListenerGate#MAX_QUEUED_BYTES}
   * (plus one message); then the reader waits and TCP holds the server back (see {@link
   * ListenerGate}).
   *
   * @return whether the engine may run handlers on this transport's callback threads
   */
  @Override
  public boolean allowsInlineDispatch() {
    return ownClient;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (OkHttpConnection c : List.copyOf(live)) {
      c.abort();
    }
    // The reader threads end as their sockets are cancelled; no thread waits here.
    client.dispatcher().executorService().shutdown();
    scheduler.shutdown();
    callbacks.shutdown(); // reports still to come get a thread of their own (ListenerGate)
  }

  @Override
  public String toString() {
    return "OkHttpTransport[" + live.size() + " live]";
  }
}
