package dev.duplex.transport.jetty;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The Jetty listener of one connection: hands Jetty's events to the connection and never lets
 * anything escape back into Jetty (an exception thrown from a listener method makes Jetty close
 * the connection with 1008).
 *
 * <p>It takes frames, not messages ({@link #onWebSocketFrame}): Jetty validates UTF-8 only once a
 * whole message has arrived, and its close callback cannot tell a received Close frame from a
 * connection that merely ended. Jetty still checks frame order and control frames and replies to
 * the server's Close; it no longer answers pings, so the connection does.
 *
 * <p>Not for applications: it is {@code public} only because Jetty binds listener methods through
 * method handles and requires a public class in an exported package.
 *
 * <p>Threading: Jetty calls it on its own threads, one frame at a time; the connection
 * serialises what it reports.
 */
public final class JettyEndpoint implements Session.Listener.AutoDemanding {
  private static final System.Logger LOG = System.getLogger(JettyEndpoint.class.getName());

  private final JettyConnection connection;

  JettyEndpoint(JettyConnection connection) {
    this.connection = connection;
  }

  /** @param session the new session; called once when the upgrade succeeded */
  @Override
  public void onWebSocketOpen(Session session) {
    try {
      connection.onOpen(session);
    } catch (RuntimeException e) {
      contain("open", e);
    }
  }

  /** Passes the frame on (its payload is read before the callback completes). */
  @Override
  public void onWebSocketFrame(Frame frame, Callback callback) {
    try {
      connection.onFrame(frame);
    } catch (RuntimeException e) {
      contain("frame", e);
    } finally {
      callback.succeed();
    }
  }

  /** @param cause what Jetty reports as failed: an upgrade, a protocol violation, I/O */
  @Override
  public void onWebSocketError(Throwable cause) {
    try {
      connection.onError(cause);
    } catch (RuntimeException e) {
      contain("error", e);
    }
  }

  private void contain(String event, RuntimeException e) {
    LOG.log(System.Logger.Level.ERROR, "Handling Jetty's " + event + " event failed; the connection"
        + " is aborted.", e);
    connection.abort();
  }
}
