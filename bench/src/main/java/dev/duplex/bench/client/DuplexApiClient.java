package dev.duplex.bench.client;

import dev.duplex.BinaryType;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Duplex transport through the W3C API: one {@link WebSocketContext} (default event loop: one
 * thread for the context) with the transport chosen by name; binary messages as ArrayBuffers.
 *
 * <p>Threading: thread-safe.
 */
public final class DuplexApiClient extends NamedClient {
  private final WebSocketContext context;

  /**
   * @param transport the provider name, e.g. {@code nio}
   */
  public DuplexApiClient(String transport) {
    super(transport + " (api)", Kind.DUPLEX_API);
    this.context = WebSocketContext.builder().name("bench-" + transport).transport(transport)
        .permessageDeflate(false).build();
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    CompletableFuture<WsConnection> opened = new CompletableFuture<>();
    context.open(uri.toString(), List.of(), ws -> {
      ws.binaryType(BinaryType.ARRAYBUFFER);
      ws.onopen(e -> opened.complete(new Connection(ws)));
      ws.onmessage(e -> sink.onMessage(e.arrayBuffer().remaining()));
      ws.onerror(e -> opened.completeExceptionally(new IOException("error event before open")));
      ws.onclose(e -> {
        opened.completeExceptionally(new IOException("closed before open: code " + e.code()));
        sink.onClosed("close event with code " + e.code());
      });
    });
    return opened;
  }

  @Override
  public void close() {
    context.close();
  }

  /** A W3C WebSocket. */
  private static final class Connection implements WsConnection {
    private final WebSocket ws;

    Connection(WebSocket ws) {
      this.ws = ws;
    }

    @Override
    public void send(ByteBuffer payload) {
      ws.send(payload);
    }

    @Override
    public void close() {
      ws.close();
    }
  }
}
