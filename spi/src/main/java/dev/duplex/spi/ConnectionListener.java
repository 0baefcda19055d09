package dev.duplex.spi;

import java.nio.ByteBuffer;

/**
 * What a transport reports about one connection (transport to engine).
 *
 * <p>Order: {@link #opened} once, then any number of {@link #text}, {@link #binary} and
 * {@link #transmitted}, possibly {@link #closing}, and finally exactly one terminal callback:
 * {@link #closed} or {@link #failed}. A connection that never opens goes straight to
 * {@link #failed}. Nothing is reported after the terminal callback.
 *
 * <p>Threading: callbacks for one connection never overlap and arrive in that order, from the
 * transport's threads. Implementations (the engine) hand the work to the application's event
 * loop and never block on anything else; where the transport {@linkplain
 * Transport#allowsInlineDispatch() allows it} and the loop is idle, a callback runs the event
 * handlers itself and returns when they do. A callback that throws is a bug in the engine;
 * transports catch it, log it through {@link System.Logger} and abort the connection.
 */
public interface ConnectionListener {

  /**
   * The opening handshake succeeded; the connection is OPEN (RFC 6455 section 4.1).
   *
   * @param handshake the negotiated subprotocol and extensions and the response headers
   */
  void opened(Handshake handshake);

  /**
   * A whole text message arrived; its UTF-8 was valid (unless the provider declares a deviation
   * for {@link Capability#STRICT_UTF8}).
   *
   * @param text the message
   */
  void text(String text);

  /**
   * A whole binary message arrived. Ownership of {@code data} passes to the listener: the
   * transport never touches it again.
   *
   * @param data the message, position to limit
   */
  void binary(ByteBuffer data);

  /**
   * The server's Close frame arrived (the server started the closing handshake, or answered
   * ours). The transport replies to it itself, as RFC 6455 section 5.5.1 requires.
   *
   * @param code the received status code, or {@link CloseCodes#NO_STATUS_RECEIVED} (1005) if the
   *     frame had no body
   * @param reason the received reason, empty if none
   */
  void closing(int code, String reason);

  /**
   * Terminal: the TCP connection is closed (RFC 6455 section 7.1.4/7.1.5).
   *
   * @param code the code of the Close frame received, 1005 if it had none, or
   *     {@link CloseCodes#ABNORMAL_CLOSURE} (1006) if no Close frame was received
   * @param reason the reason received, empty if none
   * @param wasClean whether the closing handshake completed before TCP closed
   */
  void closed(int code, String reason, boolean wasClean);

  /**
   * Terminal: the connection failed ("fail the WebSocket connection": DNS, refused, TLS, a bad
   * handshake, a protocol violation, invalid UTF-8, a message too big, a timeout...). The engine
   * reports this to the application as an error followed by close code 1006; {@code cause} goes
   * only to operators (failure observer, logging), never to application events.
   *
   * @param cause what went wrong, in a sentence an operator can act on
   */
  void failed(Throwable cause);

  /**
   * Application bytes (UTF-8 bytes of text, bytes of binary, before any compression or framing)
   * of messages queued with {@link Connection} have been written to the network. May be
   * reported per message or in sums, at any time between {@link #opened} and the terminal
   * callback.
   *
   * @param bytes how many application bytes left since the last report
   */
  void transmitted(long bytes);
}
