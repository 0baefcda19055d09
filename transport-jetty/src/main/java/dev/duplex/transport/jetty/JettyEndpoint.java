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
 * <p>It demands each frame itself rather than being auto-demanding: Jetty demands the next frame
 * as soon as a listener method returns, and a frame's message is only queued for the engine by
 * then, so nothing would stop Jetty reading while a callback blocks elsewhere. The connection
 * demands the next frame at once or, while too much is queued, once the queue has drained
 * ({@link CallbackSequencer}).
 *
 * <p>Not for applications: it is {@code public} only because Jetty binds listener methods through
 * method handles and requires a public class in an exported package.
 *
 * <p>Threading: Jetty calls it on its own threads, one frame at a time; the connection
 * serialises what it reports.
 */
public final class JettyEndpoint implements Session.Listener {
  private static final System.Logger LOG = System.getLogger(JettyEndpoint.class.getName());

  private final JettyConnection connection;
  /** Asks Jetty for the next frame; safe from any thread, never waits. */
  private final Runnable nextFrame = this::demand;
  private volatile Session session;

  JettyEndpoint(JettyConnection connection) {
    this.connection = connection;
  }

  /** @param session the new session; called once when the upgrade succeeded */
  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    try {
      connection.onOpen(session);
    } catch (RuntimeException e) {
      contain("open", e);
    }
    demand(); // the first frame
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
      connection.demandNext(nextFrame);
    }
  }

  private void demand() {
    Session s = session;
    try {
      if (s != null) {
        s.demand();
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Jetty refused a demand (the session has ended).", e);
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
