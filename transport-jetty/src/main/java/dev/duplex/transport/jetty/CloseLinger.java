package dev.duplex.transport.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.AbstractExtension;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * An internal Jetty extension (never offered on the wire) that lets the server close TCP first
 * after it started the closing handshake, as RFC 6455 7.1.1 asks ("the server SHOULD close the
 * underlying TCP connection first ... the client SHOULD wait for the server to close the
 * connection").
 *
 * <p>Jetty's client closes TCP as soon as its reply to the server's Close frame is written, so
 * the connection is CLOSED before the server has had a chance to close it. This extension holds
 * back the completion of that reply's write until the server's end of the stream arrives; Jetty
 * then closes its side. It looks for the end of the stream with non-blocking reads on Jetty's
 * scheduler (1 ms, then backing off to 50 ms): registering its own read interest would collide
 * with Jetty's, which Jetty logs at WARN. A server that never closes is cut off by the
 * connection's close timeout. A Close the client sent first is left alone: RFC 6455 7.1.1 lets
 * the client close TCP once it has sent and received one.
 *
 * <p>Not for applications: {@code public} with a public constructor only because Jetty creates
 * extensions reflectively. Threading: Jetty's threads of one connection.
 */
public final class CloseLinger extends AbstractExtension {
  /** The internal extension's name; the {@code @} keeps Jetty from offering it. */
  static final String NAME = "@duplex-close-linger";
  private static final long MAX_POLL_MS = 50;
  /** The scheduler of each transport's client, found through the components it creates us with. */
  private static final Map<WebSocketComponents, Scheduler> SCHEDULERS = new ConcurrentHashMap<>();

  private volatile boolean closeReceived;
  private Scheduler scheduler;

  /** For Jetty's extension registry. */
  public CloseLinger() {}

  /** @param components a transport's Jetty components @param scheduler its client's scheduler */
  static void register(WebSocketComponents components, Scheduler scheduler) {
    SCHEDULERS.put(components, scheduler);
  }

  /** @param components a transport's Jetty components, no longer in use */
  static void unregister(WebSocketComponents components) {
    SCHEDULERS.remove(components);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public void init(ExtensionConfig config, WebSocketComponents components) {
    super.init(config, components);
    scheduler = SCHEDULERS.get(components);
  }

  @Override
  public void onFrame(Frame frame, Callback callback) {
    if (frame.getOpCode() == OpCode.CLOSE) {
      closeReceived = true;
    }
    nextIncomingFrame(frame, callback);
  }

  @Override
  public void sendFrame(OutgoingEntry entry) {
    EndPoint endPoint = endPoint();
    if (!closeReceived || entry.getFrame().getOpCode() != OpCode.CLOSE || endPoint == null
        || scheduler == null) {
      nextOutgoingFrame(entry);
      return;
    }
    Callback written = entry.getCallback();
    nextOutgoingFrame(new OutgoingEntry.Builder(entry)
        .callback(Callback.from(() -> poll(endPoint, written, 1), written::failed))
        .build());
  }

  private EndPoint endPoint() {
    if (getCoreSession() instanceof WebSocketCoreSession) {
      WebSocketCoreSession session = (WebSocketCoreSession) getCoreSession();
      return session.getConnection() == null ? null : session.getConnection().getEndPoint();
    }
    return null;
  }

  /** Discards what the server still sends (RFC 6455 1.4) until its end of the stream. */
  private void poll(EndPoint endPoint, Callback written, long delayMs) {
    ByteBuffer sink = BufferUtil.allocate(512);
    try {
      int n;
      do {
        BufferUtil.clear(sink);
        n = endPoint.fill(sink);
      } while (n > 0);
      if (n < 0 || !endPoint.isOpen()) {
        written.succeeded();
        return;
      }
    } catch (IOException e) {
      written.succeeded();
      return;
    }
    scheduler.schedule(() -> poll(endPoint, written, Math.min(2 * delayMs, MAX_POLL_MS)),
        delayMs, TimeUnit.MILLISECONDS);
  }
}
