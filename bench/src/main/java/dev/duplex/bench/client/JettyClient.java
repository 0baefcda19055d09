package dev.duplex.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Jetty 12's WebSocket client ({@code jetty-websocket-jetty-client}), used directly. Sends are
 * asynchronous and queued by Jetty's frame flusher.
 *
 * <p>Threading: thread-safe.
 */
public final class JettyClient extends NamedClient {
  private final WebSocketClient client = new WebSocketClient();

  /** Starts Jetty's client with limits that let 1 MiB messages through. */
  public JettyClient() {
    super("jetty", Kind.PEER);
    client.setMaxBinaryMessageSize(64L << 20);
    client.setMaxFrameSize(64L << 20);
    client.setIdleTimeout(Duration.ofMinutes(30));
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty's WebSocket client did not start", e);
    }
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    try {
      return client.connect(new Listener(sink), uri).thenApply(Connection::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty's WebSocket client did not stop", e);
    }
  }

  /** Counts whole messages; demand is automatic. Public: Jetty calls it reflectively. */
  public static final class Listener implements Session.Listener.AutoDemanding {
    private final MessageSink sink;

    Listener(MessageSink sink) {
      this.sink = sink;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      sink.onMessage(payload.remaining());
      callback.succeed();
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
      sink.onClosed("closed with code " + code);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      sink.onClosed("failed: " + cause);
    }
  }

  /** A Jetty session. */
  private static final class Connection implements WsConnection {
    private final Session session;

    Connection(Session session) {
      this.session = session;
    }

    @Override
    public void send(ByteBuffer payload) {
      session.sendBinary(payload.duplicate(), Callback.NOOP);
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
