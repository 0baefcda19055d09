package dev.duplex.tck.reference;

import java.io.IOException;

/**
 * A protocol violation by the server, with the close code the reference transport fails the
 * connection with.
 *
 * <p>Threading: immutable.
 */
final class ProtocolError extends IOException {
  private static final long serialVersionUID = 1L;
  final int code;

  ProtocolError(int code, String message) {
    super(message);
    this.code = code;
  }
}
