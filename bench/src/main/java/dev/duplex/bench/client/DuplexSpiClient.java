package dev.duplex.bench.client;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import dev.duplex.spi.TransportProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A Duplex transport through its spi {@link Connection}, without the W3C layer: the baseline
 * against which the API's cost is measured.
 *
 * <p>Threading: thread-safe.
 */
public final class DuplexSpiClient extends NamedClient {
  private final Transport transport;

  /**
   * @param provider the transport's provider
   */
  public DuplexSpiClient(TransportProvider provider) {
    super(provider.name() + " (spi)", Kind.DUPLEX_SPI);
    this.transport = provider.create(TransportConfig.defaults());
  }

  @Override
  public CompletableFuture<WsConnection> connect(URI uri, MessageSink sink) {
    CompletableFuture<Void> opened = new CompletableFuture<>();
    Connection c = transport.connect(ConnectRequest.builder(uri).build(), new Listener(sink, opened));
    return opened.thenApply(v -> new SpiConnection(c));
  }

  @Override
  public void close() {
    transport.close();
  }

  /** Counts whole messages. */
  private static final class Listener implements ConnectionListener {
    private final MessageSink sink;
    private final CompletableFuture<Void> opened;

    Listener(MessageSink sink, CompletableFuture<Void> opened) {
      this.sink = sink;
      this.opened = opened;
    }

    @Override
    public void opened(Handshake handshake) {
      opened.complete(null);
    }

    @Override
    public void text(String text) {
      sink.onMessage(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public void binary(ByteBuffer data) {
      sink.onMessage(data.remaining());
    }

    @Override
    public void closing(int code, String reason) {
      // the transport answers the Close frame itself
    }

    @Override
    public void closed(int code, String reason, boolean wasClean) {
      opened.completeExceptionally(new IOException("closed before open: code " + code));
      sink.onClosed("closed with code " + code);
    }

    @Override
    public void failed(Throwable cause) {
      opened.completeExceptionally(cause);
      sink.onClosed("failed: " + cause);
    }

    @Override
    public void transmitted(long bytes) {
      // the bench counts echoes, not transmissions
    }
  }

  /** An spi connection; payloads are handed over as read-only views nobody changes. */
  private static final class SpiConnection implements WsConnection {
    private final Connection connection;

    SpiConnection(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void send(ByteBuffer payload) {
      connection.sendBinary(payload.duplicate());
    }

    @Override
    public void close() {
      connection.close(1000, "");
    }
  }
}
