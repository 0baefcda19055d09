package dev.duplex.transport.okhttp;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One WebSocket over OkHttp: the engine's {@link Connection} and OkHttp's {@link
 * WebSocketListener} in one object, translating between them.
 *
 * <p>OkHttp to engine: {@code onOpen} becomes {@code opened}; messages pass through; {@code
 * onClosing} is answered with a Close frame (OkHttp does not reply by itself) and reported as
 * {@code closing}; {@code onClosed} becomes {@code closed(code, reason, true)}; every {@code
 * onFailure} becomes {@code failed}, except after the engine's {@link #abort()} of an open
 * connection, which reports {@code closed(1006, "", false)}. Every report goes through a {@link ListenerGate}.
 *
 * <p>Engine to OkHttp: sends and close go through the {@link OutboundFlow}; {@code close} while
 * CONNECTING and {@code abort} cancel the call.
 *
 * <p>Threading: thread-safe. The {@link Connection} methods are called from any thread; the
 * {@link WebSocketListener} methods from OkHttp's threads, never throwing back into OkHttp. The
 * listener is called only as the gate allows: at once on OkHttp's reader thread of the socket,
 * on the transport's callback executor otherwise, never from inside a {@link Connection} method.
 */
final class OkHttpConnection extends WebSocketListener implements Connection {
  private static final System.Logger LOG = System.getLogger("dev.duplex.transport.okhttp");
  /** How long after a cancel the connection waits for OkHttp's terminal callback. */
  private static final long TERMINAL_GRACE_SECONDS = 5;

  /** The lifecycle as the adapter sees it. */
  private enum State {
    CONNECTING,
    OPEN,
    /** A Close frame was sent or received. */
    CLOSING,
    /** The terminal callback is reported or under way. */
    DONE
  }

  private final URI uri;
  private final ListenerGate gate;
  private final ScheduledExecutorService scheduler;
  private final WireControl wire;
  private final Consumer<OkHttpConnection> onDone;
  private volatile State state = State.CONNECTING;
  private volatile WebSocket ws;
  private volatile OutboundFlow flow;
  /** Set by the engine's abort (or close while connecting): the failure is reported as 1006. */
  private volatile boolean aborted;
  /** A failure the adapter itself decided on (a message OkHttp can never send). */
  private volatile Throwable localFailure;

  OkHttpConnection(
      URI uri,
      ConnectionListener listener,
      ScheduledExecutorService scheduler,
      WireControl wire,
      Consumer<OkHttpConnection> onDone,
      Executor callbacks) {
    this.uri = uri;
    this.scheduler = scheduler;
    this.wire = wire;
    this.onDone = onDone;
    this.gate = new ListenerGate(listener, this::abort, callbacks);
  }

  ListenerGate gate() {
    return gate;
  }

  /** Records OkHttp's socket; called by the transport as soon as OkHttp returns it. */
  void attach(WebSocket socket) {
    this.ws = socket;
  }

  // ---- Connection (engine -> OkHttp)

  @Override
  public void sendText(String text) {
    boolean nested = ListenerGate.enterCall();
    try {
      OutboundFlow f = flow;
      if (state == State.OPEN && f != null && !f.sendText(text)) {
        tooLarge(Utf8.length(text));
      }
    } finally {
      ListenerGate.exitCall(nested);
    }
  }

  @Override
  public void sendBinary(ByteBuffer data) {
    boolean nested = ListenerGate.enterCall();
    try {
      OutboundFlow f = flow;
      if (state == State.OPEN && f != null && !f.sendBinary(ByteString.of(data.duplicate()))) {
        tooLarge(data.remaining());
      }
    } finally {
      ListenerGate.exitCall(nested);
    }
  }

  /** OkHttp copies the bytes into a {@code ByteString} during {@link #sendBinary}: no copy first. */
  @Override
  public void sendBinaryBorrowed(ByteBuffer data) {
    sendBinary(data);
  }

  @Override
  public void close(int code, String reason) {
    boolean nested = ListenerGate.enterCall();
    try {
      synchronized (this) {
        if (state == State.CONNECTING) {
          // W3C close() while CONNECTING fails the connection; OkHttp would finish the handshake.
          abort();
          return;
        }
        if (state != State.OPEN) {
          return;
        }
        state = State.CLOSING;
      }
      flow.close(code, reason);
    } finally {
      ListenerGate.exitCall(nested);
    }
  }

  @Override
  public void abort() {
    boolean nested = ListenerGate.enterCall();
    try {
      if (state == State.DONE || aborted) {
        return;
      }
      aborted = true;
      cancel(); // closing the socket may report the deferred clean close: the gate hands it over
    } finally {
      ListenerGate.exitCall(nested);
    }
  }

  private void tooLarge(long size) {
    localFailure =
        new IOException(
            "A message of "
                + size
                + " bytes cannot be sent: OkHttp refuses any message larger than its 16 MiB"
                + " send queue, so the connection to "
                + uri
                + " was failed.");
    cancel();
  }

  private void cancel() {
    gate.stop(); // a reader waiting for the queue to drain reads on and finds the socket closed
    wire.abort();
    WebSocket socket = ws;
    if (socket != null) {
      socket.cancel();
    }
    try {
      scheduler.schedule(this::terminateIfSilent, TERMINAL_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      terminateIfSilent(); // the transport is shutting down: no timer left to wait with
    }
  }

  /** OkHttp reports a cancel with onFailure; should it ever not, the connection still ends. */
  private void terminateIfSilent() {
    if (!gate.isTerminated()) {
      LOG.log(Level.WARNING, "OkHttp did not report the end of a cancelled WebSocket to " + uri);
      reportFailure(null, null);
    }
  }

  // ---- WebSocketListener (OkHttp -> engine). Nothing may escape into OkHttp.

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    try {
      synchronized (this) {
        if (state != State.CONNECTING || aborted) {
          return;
        }
        flow = new OutboundFlow(webSocket, scheduler, wire, gate::transmitted);
        state = State.OPEN;
      }
      // OkHttp reads the socket on this thread, one of the transport's dispatcher's, for as long
      // as it is open, and calls onOpen on it before reading anything.
      gate.readBy(Thread.currentThread());
      String protocol = response.header(HandshakeInterceptor.PROTOCOL);
      String extensions = String.join(", ", response.headers(HandshakeInterceptor.EXTENSIONS));
      gate.opened(
          new Handshake(
              protocol == null ? "" : protocol.trim(),
              extensions,
              response.headers().toMultimap()));
    } catch (RuntimeException e) {
      internalError("onOpen", e);
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    try {
      gate.text(text);
    } catch (RuntimeException e) {
      internalError("onMessage", e);
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    try {
      gate.binary(ByteBuffer.wrap(bytes.toByteArray()));
    } catch (RuntimeException e) {
      internalError("onMessage", e);
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    try {
      synchronized (this) {
        if (state == State.OPEN) {
          state = State.CLOSING;
        }
      }
      wire.closeReceived();
      OutboundFlow f = flow;
      if (f != null) {
        // RFC 6455 5.5.1: reply with a Close frame; OkHttp does not. 1005 (no code) is sent as 1000.
        f.replyClose(CloseCodes.replyTo(code));
      }
      gate.closing(code, reason);
    } catch (RuntimeException e) {
      internalError("onClosing", e);
    }
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    try {
      // OkHttp closes TCP right after this returns; the wrapped socket waits for the server to
      // close first (RFC 6455 7.1.1) and then reports. Should it never be closed, a timer does.
      Runnable report = () -> {
        finish();
        gate.closed(code, reason, true);
      };
      if (wire.deferCleanClose(report)) {
        scheduleFallback(wire.closeTimeoutMillis() + TimeUnit.SECONDS.toMillis(1));
      } else {
        report.run();
      }
    } catch (RuntimeException e) {
      internalError("onClosed", e);
    }
  }

  private void scheduleFallback(long millis) {
    Runnable fallback = () -> {
      Runnable report = wire.takeCleanClose(); // the socket never closed: report anyway
      if (report != null) {
        report.run();
      }
    };
    try {
      scheduler.schedule(fallback, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      fallback.run(); // the transport is shutting down
    }
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    try {
      reportFailure(t, response);
    } catch (RuntimeException e) {
      internalError("onFailure", e);
    }
  }

  private void reportFailure(Throwable t, Response response) {
    finish();
    Throwable local = localFailure;
    if (local != null) {
      gate.failed(local);
    } else if (aborted && gate.isOpened()) {
      gate.closed(CloseCodes.ABNORMAL_CLOSURE, "", false);
    } else if (aborted) {
      // A connection that never opened ends with failed, never closed (ConnectionListener).
      gate.failed(new IOException("The connection to " + uri + " was aborted before it opened."));
    } else {
      gate.failed(describe(t, response));
    }
  }

  private IOException describe(Throwable t, Response response) {
    String status = response == null ? "" : " (HTTP " + response.code() + ")";
    String what = t == null ? "OkHttp reported no cause" : String.valueOf(t.getMessage());
    return new IOException("The WebSocket connection to " + uri + " failed" + status + ": " + what, t);
  }

  private void finish() {
    state = State.DONE;
    OutboundFlow f = flow;
    if (f != null) {
      f.stop();
    }
    onDone.accept(this);
  }

  private void internalError(String where, RuntimeException e) {
    LOG.log(Level.ERROR, "The OkHttp adapter failed in " + where + "; aborting " + uri, e);
    if (!gate.isTerminated()) {
      localFailure = new IOException("The OkHttp adapter failed in " + where + ".", e);
      cancel();
    }
  }
}
