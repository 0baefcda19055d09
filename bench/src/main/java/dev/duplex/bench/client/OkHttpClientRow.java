package dev.duplex.bench.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * OkHttp 5's WebSocket ({@code okhttp-jvm}), used directly. OkHttp sends immutable
 * {@link ByteString}s, so each connection converts a payload once and reuses it.
 *
 * <p>Threading: thread-safe.
 */
public final class OkHttpClientRow extends NamedClient {
  private final OkHttpClient client;

  /** An OkHttp client whose dispatcher does not cap concurrent WebSockets. */
  public OkHttpClientRow() {
    super("okhttp", Kind.PEER);
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Integer.MAX_VALUE);
    dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
    client = new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    CompletableFuture<WsConnection> opened = new CompletableFuture<>();
    Request request = new Request.Builder().url(uri.toString()).build();
    client.newWebSocket(request, new WebSocketListener() {
      @Override
      public void onOpen(WebSocket ws, Response response) {
        opened.complete(new Connection(ws));
      }

      @Override
      public void onMessage(WebSocket ws, ByteString bytes) {
        sink.onMessage(bytes.size());
      }

      @Override
      public void onFailure(WebSocket ws, Throwable t, Response response) {
        opened.completeExceptionally(t);
        sink.onClosed("failed: " + t);
      }

      @Override
      public void onClosed(WebSocket ws, int code, String reason) {
        sink.onClosed("closed with code " + code);
      }
    });
    return opened;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** An OkHttp WebSocket. */
  private static final class Connection implements WsConnection {
    private final WebSocket ws;
    private ByteBuffer lastPayload;
    private ByteString lastBytes;

    Connection(WebSocket ws) {
      this.ws = ws;
    }

    @Override
    public synchronized void send(ByteBuffer payload) {
      if (payload != lastPayload) {
        lastBytes = ByteString.of(payload.duplicate());
        lastPayload = payload;
      }
      if (!ws.send(lastBytes)) {
        throw new IllegalStateException(
            "OkHttp refused a send: its 16 MiB outgoing queue is full or the socket is closing");
      }
    }

    @Override
    public void close() {
      ws.close(1000, null);
    }
  }
}
