package dev.duplex.bench.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One way of speaking WebSocket that the bench measures: a library used directly, or a Duplex
 * transport through the W3C API or through the spi. Every client sends and receives binary
 * messages only, and never copies a payload it does not have to.
 *
 * <p>Threading: {@link #connect} may be called from any thread; the returned connections
 * document their own rules.
 */
public interface WsClient extends AutoCloseable {

  /** @return the row name in reports, e.g. {@code jdk} or {@code nio (api)} */
  String name();

  /** @return the group of this row */
  Kind kind();

  /**
   * Opens a connection; the future completes when the opening handshake is done.
   *
   * @param uri a {@code ws:} URI
   * @param sink told the length of each whole message received, on the client's own thread
   * @return the connection, once open
   */
  CompletableFuture<WsConnection> connect(URI uri, MessageSink sink);

  /** Releases the client's threads and connections. */
  @Override
  void close();

  /** What a row is. */
  enum Kind {
    /** The physical ceiling: raw TCP over loopback. */
    CEILING,
    /** A library used directly, without Duplex. */
    PEER,
    /** A Duplex transport through the W3C API. */
    DUPLEX_API,
    /** A Duplex transport through its spi {@code Connection}, without the W3C layer. */
    DUPLEX_SPI
  }
}
