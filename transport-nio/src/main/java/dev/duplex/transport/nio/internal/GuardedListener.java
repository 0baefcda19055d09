package dev.duplex.transport.nio.internal;

import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.nio.ByteBuffer;

/**
 * The engine's {@link ConnectionListener} behind a guard: a callback that throws is a bug in the
 * engine, which the spi says the transport logs and answers by aborting the connection. Each
 * non-terminal method returns false when the listener threw, so the caller can abort; the
 * terminal ones only log, as nothing follows them anyway.
 *
 * <p>Threading: confined to the connection's selector thread (callbacks never overlap).
 */
final class GuardedListener {
  private static final System.Logger LOG = System.getLogger(GuardedListener.class.getName());

  private final ConnectionListener listener;
  /** The URL, for the log (the request's own string, shared, not a copy). */
  private final String uri;

  GuardedListener(ConnectionListener listener, String uri) {
    this.listener = listener;
    this.uri = uri;
  }

  boolean opened(Handshake handshake) {
    try {
      listener.opened(handshake);
      return true;
    } catch (RuntimeException e) {
      return threw("opened", e);
    }
  }

  boolean text(String text) {
    try {
      listener.text(text);
      return true;
    } catch (RuntimeException e) {
      return threw("text", e);
    }
  }

  boolean binary(ByteBuffer data) {
    try {
      listener.binary(data);
      return true;
    } catch (RuntimeException e) {
      return threw("binary", e);
    }
  }

  boolean closing(int code, String reason) {
    try {
      listener.closing(code, reason);
      return true;
    } catch (RuntimeException e) {
      return threw("closing", e);
    }
  }

  boolean transmitted(long bytes) {
    try {
      listener.transmitted(bytes);
      return true;
    } catch (RuntimeException e) {
      return threw("transmitted", e);
    }
  }

  void failed(Throwable cause) {
    try {
      listener.failed(cause);
    } catch (RuntimeException e) {
      threw("failed", e);
    }
  }

  void closed(int code, String reason, boolean wasClean) {
    try {
      listener.closed(code, reason, wasClean);
    } catch (RuntimeException e) {
      threw("closed", e);
    }
  }

  private boolean threw(String callback, RuntimeException e) {
    LOG.log(System.Logger.Level.ERROR, "ConnectionListener." + callback + " threw for " + uri
        + "; the connection is aborted.", e);
    return false;
  }
}
