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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;

/**
 * A transport over one OkHttp client: its dispatcher (one thread per open socket), plus one
 * scheduler thread that polls the outgoing queues and times terminal callbacks.
 *
 * <p>Threading: every method is safe from any thread, including from inside a listener callback.
 */
final class OkHttpTransport implements Transport {
  private final OkHttpClient client;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Set<OkHttpConnection> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  OkHttpTransport(OkHttpClient client) {
    this.client = client;
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "duplex-okhttp-flow");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
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
        new OkHttpConnection(request.uri(), listener, scheduler, wire, live::remove);
    live.add(connection);
    Request okRequest;
    try {
      okRequest = toOkHttp(request, wire);
    } catch (IllegalArgumentException e) {
      // OkHttp's URL parser is stricter than the engine's; report it like any failure, later.
      IOException cause =
          new IOException("OkHttp cannot request " + request.uri() + ": " + e.getMessage(), e);
      live.remove(connection);
      scheduler.execute(() -> connection.gate().failed(cause));
      return connection;
    }
    OkHttpClient perRequest = ClientFactory.forRequest(client, request);
    // Hold the reports until OkHttp's socket is recorded and this method has returned.
    connection
        .gate()
        .holding(
            () -> {
              WebSocket ws = perRequest.newWebSocket(okRequest, connection);
              connection.attach(ws);
            });
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
  }

  @Override
  public String toString() {
    return "OkHttpTransport[" + live.size() + " live]";
  }
}
