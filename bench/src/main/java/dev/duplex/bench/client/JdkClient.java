package dev.duplex.bench.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The JDK's {@code java.net.http.WebSocket}, used directly. It allows one outstanding send at a
 * time, so each connection chains its sends (the documented way to pipeline).
 *
 * <p>Threading: thread-safe.
 */
public final class JdkClient extends NamedClient {
  private final HttpClient http = HttpClient.newHttpClient();

  /** A client on a default {@link HttpClient}. */
  public JdkClient() {
    super("jdk", Kind.PEER);
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    return http.newWebSocketBuilder().buildAsync(uri, new Listener(sink))
        .thenApply(Connection::new);
  }

  @Override
  public void close() {
    // HttpClient (Java 17) has no close(); its threads are daemons and go with the JVM.
  }

  /** Counts whole messages and asks for the next one. */
  private static final class Listener implements WebSocket.Listener {
    private final MessageSink sink;
    private int partial;

    Listener(MessageSink sink) {
      this.sink = sink;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      partial += data.remaining();
      if (last) {
        int n = partial;
        partial = 0;
        sink.onMessage(n);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      sink.onClosed("closed with code " + code);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      sink.onClosed("failed: " + error);
    }
  }

  /** Chains sends: the JDK refuses a second send before the first completes. */
  private static final class Connection implements WsConnection {
    private final WebSocket ws;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean sending;

    Connection(WebSocket ws) {
      this.ws = ws;
    }

    @Override
    public void send(ByteBuffer payload) {
      synchronized (this) {
        if (sending) {
          queue.add(payload);
          return;
        }
        sending = true;
      }
      sendNow(payload);
    }

    private void sendNow(ByteBuffer payload) {
      ws.sendBinary(payload.duplicate(), true).whenComplete((w, e) -> {
        ByteBuffer next;
        synchronized (this) {
          next = e == null ? queue.poll() : null;
          if (next == null) {
            sending = false;
            return;
          }
        }
        sendNow(next);
      });
    }

    @Override
    public void close() {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }
  }
}
