package dev.duplex.transport.nio.internal;

/**
 * The lifecycle of one connection (RFC 6455 sections 4 and 7), one method per event. An event
 * that is illegal in the current state throws {@link IllegalStateException}: that is a bug in
 * the transport, never a reaction to the network.
 *
 * <pre>
 * CONNECTING --opened--> OPEN --closeSent--> CLOSE_SENT --closeReceived--> CLOSED
 *                          \--closeReceived--> CLOSE_RECEIVED --closeSent--/
 * any state --terminate--> TERMINATED (the terminal callback has been reported)
 * </pre>
 *
 * <p>Threading: immutable constants; the field holding the current state is confined to the
 * connection's selector thread.
 */
enum SessionState {
  /** Resolving, connecting, tunnelling, TLS, and the HTTP upgrade. */
  CONNECTING,
  /** The handshake succeeded; messages flow both ways. */
  OPEN,
  /** We sent Close; we read until the server's Close (no more data frames go out). */
  CLOSE_SENT,
  /** The server sent Close; our reply is on its way (no more data frames in either direction). */
  CLOSE_RECEIVED,
  /** Both Close frames exchanged: waiting for the server to close TCP, or the close timeout. */
  CLOSED,
  /** Reported to the listener; nothing more happens. */
  TERMINATED;

  SessionState opened() {
    return transition(this == CONNECTING, OPEN, "opened");
  }

  SessionState closeSent() {
    if (this == CLOSE_RECEIVED) {
      return CLOSED;
    }
    return transition(this == OPEN, CLOSE_SENT, "closeSent");
  }

  SessionState closeReceived() {
    if (this == CLOSE_SENT) {
      return CLOSED;
    }
    return transition(this == OPEN, CLOSE_RECEIVED, "closeReceived");
  }

  SessionState terminate() {
    return transition(this != TERMINATED, TERMINATED, "terminate");
  }

  /** @return whether the application may still have data frames written */
  boolean canSendData() {
    return this == OPEN;
  }

  /** @return whether frames from the server are still read and delivered */
  boolean canReceive() {
    return this == OPEN || this == CLOSE_SENT;
  }

  /** @return whether a Close frame may still be sent */
  boolean canSendClose() {
    return this == OPEN || this == CLOSE_RECEIVED;
  }

  private SessionState transition(boolean legal, SessionState next, String event) {
    if (!legal) {
      throw new IllegalStateException("The event " + event + " is illegal in state " + this + ".");
    }
    return next;
  }
}
