package dev.duplex.internal;

/**
 * The {@code readyState} of a socket, with the transitions the W3C algorithms make.
 *
 * <p>Threading: immutable.
 */
public enum ReadyState {
  /** 0: the connection has not yet been established. */
  CONNECTING,
  /** 1: the open task has run. */
  OPEN,
  /** 2: close() was called, the closing handshake started, or the connection is failing. */
  CLOSING,
  /** 3: the close task has run. */
  CLOSED;

  /** @return the IDL value, 0 to 3 */
  public int value() {
    return ordinal();
  }

  /**
   * @param next a target state
   * @return whether the specification ever moves from this state to {@code next}
   */
  public boolean canMoveTo(ReadyState next) {
    switch (this) {
      case CONNECTING:
        return next != CONNECTING;
      case OPEN:
        return next == CLOSING || next == CLOSED;
      case CLOSING:
        return next == CLOSED;
      default:
        return false;
    }
  }
}
