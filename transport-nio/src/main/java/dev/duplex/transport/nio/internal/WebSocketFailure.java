package dev.duplex.transport.nio.internal;

import dev.duplex.spi.CloseCodes;

/**
 * A reason to fail the WebSocket connection (RFC 6455 section 7.1.7), carrying the status code
 * the client sends in its Close frame before it closes TCP, or none when no frame can be sent.
 *
 * <p>Threading: immutable.
 */
final class WebSocketFailure extends Exception {
  private static final long serialVersionUID = 1L;
  /** The code to send, or {@link CloseCodes#ABNORMAL_CLOSURE} to send no Close frame. */
  private final int closeCode;

  WebSocketFailure(int closeCode, String message) {
    super(message, null, false, false);
    this.closeCode = closeCode;
  }

  WebSocketFailure(int closeCode, String message, Throwable cause) {
    super(message, cause, false, false);
    this.closeCode = closeCode;
  }

  /** @return the status code for the Close frame, or 1006 for "send none" */
  int closeCode() {
    return closeCode;
  }

  static WebSocketFailure protocol(String message) {
    return new WebSocketFailure(CloseCodes.PROTOCOL_ERROR, message);
  }

  /** A failure during the opening handshake: no Close frame can be sent (section 4.1). */
  static WebSocketFailure handshake(String message) {
    return new WebSocketFailure(CloseCodes.ABNORMAL_CLOSURE, message);
  }
}
