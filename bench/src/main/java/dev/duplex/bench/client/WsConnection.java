package dev.duplex.bench.client;

import java.nio.ByteBuffer;

/**
 * An open connection of a {@link WsClient}.
 *
 * <p>Threading: {@link #send} is called either from the sink's thread (echo loops) or from one
 * driver thread, never from both at once for one connection.
 */
public interface WsConnection {

  /**
   * Sends one binary message. {@code payload} is shared and read-only: implementations may wrap
   * or duplicate it but never change its content.
   *
   * @param payload the message, position to limit
   */
  void send(ByteBuffer payload);

  /** Starts the closing handshake (or closes the socket) without waiting for it. */
  void close();
}
