package dev.duplex.transport.nio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream to the server as the WebSocket layer sees it: plaintext, whether the socket
 * carries it as is ({@link PlainWire}) or through TLS ({@link TlsWire}).
 *
 * <p>Threading: confined to the connection's selector thread.
 */
interface Wire {
  /**
   * Reads what the network has now, appending plaintext to {@code dst}.
   *
   * @return the plaintext bytes appended (maybe 0), or -1 when the server closed the stream
   */
  int read(ByteBuffer dst) throws IOException;

  /** @return whether input is already buffered inside the wire, so {@link #read} should run again */
  boolean hasBufferedInput();

  /**
   * Writes as much of {@code src} as the network takes now.
   *
   * @return true when {@code src} and everything the wire buffered has been written
   */
  boolean write(ByteBuffer src) throws IOException;

  /**
   * Tells the server, best effort and without waiting, that nothing more will be written (TLS
   * {@code close_notify}); a plain socket has nothing to say.
   */
  default void closeOutbound() {}

  /** Gives back pooled buffers; the wire is not used again. */
  void release();
}
