package dev.duplex.transport.jetty;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * One RFC 6455 connection over a Jetty {@link Session}: translates the engine's calls into Jetty
 * calls and Jetty's events into exactly the {@link ConnectionListener} sequence the spi promises
 * (opened, messages, closing, one terminal callback), compensating where Jetty differs:
 *
 * <ul>
 *   <li>a client-side failure (a protocol error Jetty finds, or invalid UTF-8 and too big a
 *       message, which {@link MessageAssembler} finds) sends 1002/1007/1009 and is reported as
 *       {@link ConnectionListener#failed} (RFC 6455 7.1.7, W3C close code 1006), where Jetty
 *       would report a close with that code;
 *   <li>a Close frame is seen as a frame, so {@code closing} is reported exactly when one
 *       arrives, and {@code closed} only when TCP is closed (Jetty's session listener);
 *   <li>Jetty reports a failed upgrade twice (future and error event); it is reported once;
 *   <li>Jetty has no close timeout once its idle timeout is off; a server that never closes
 *       TCP after our Close frame is cut off after {@link ConnectRequest#closeTimeout()};
 *   <li>Jetty's 64 KiB message and frame limits are replaced by
 *       {@link ConnectRequest#maxMessageSize()} and its 30 s idle timeout is removed.
 * </ul>
 *
 * <p>Threading: every method is thread-safe. Jetty's events arrive on its threads; listener
 * callbacks are run one at a time, in order, through a {@link CallbackSequencer}, and never from
 * inside a {@link Connection} method: Jetty completes a write inside {@code sendText} when the
 * socket takes it at once, and may end a session inside {@code close} or {@code abort}, and what
 * that reports is handed to Jetty's pool (see {@link #mayReportHere()}).
 */
final class JettyConnection implements Connection {
  private static final System.Logger LOG = System.getLogger(JettyConnection.class.getName());
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  /** Set while the current thread is inside a {@link Connection} method of this transport. */
  private static final ThreadLocal<Boolean> IN_CALL = new ThreadLocal<>();

  /** The lifecycle as the engine sees it. */
  enum State {
    /** The opening handshake is under way. */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /** A Close frame was sent or received. */
    CLOSING,
    /** The terminal callback has been queued; nothing more is reported. */
    DONE
  }

  private final JettyTransport transport;
  private final ConnectRequest request;
  private final ConnectionListener listener;
  private final CallbackSequencer callbacks;
  private final Scheduler scheduler;
  private final MessageAssembler assembler;

  // Guarded by this.
  private State state = State.CONNECTING;
  private Session session;
  private CompletableFuture<Session> upgrade;
  private Scheduler.Task timer;
  private KeepAlive keepAlive;
  private boolean closeSent;

  // Written by Jetty's reading thread, which handles one event at a time.
  private volatile boolean closeReceived;
  private volatile int receivedCode = CloseCodes.ABNORMAL_CLOSURE;
  private volatile String receivedReason = "";
  private volatile Throwable failure;

  // Confined to the sequencer.
  private boolean finished;

  JettyConnection(JettyTransport transport, ConnectRequest request, ConnectionListener listener) {
    this.transport = transport;
    this.request = request;
    this.listener = listener;
    this.callbacks = new CallbackSequencer(transport.executor(), this::mayReportHere);
    this.scheduler = transport.scheduler();
    this.assembler = new MessageAssembler(request.maxMessageSize(), new Messages());
  }

  /** Starts the upgrade; no callback runs before this returns. Called once, by the transport. */
  void start(WebSocketClient client) {
    try {
      synchronized (this) {
        timer = scheduler.schedule(this::handshakeTimedOut,
            request.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
      CompletableFuture<Session> future = client.connect(new JettyEndpoint(this),
          JettyValues.upgradeRequest(request), new HandshakeCheck(request));
      synchronized (this) {
        upgrade = future;
      }
      future.whenComplete((s, error) -> {
        if (error != null) {
          failUpgrade(error);
        }
      });
    } catch (Exception e) {
      failUpgrade(e);
    } finally {
      callbacks.release();
    }
  }

  // ---- Jetty's events ----

  void onOpen(Session opened) {
    // Messages are assembled here (MessageAssembler), so Jetty's 64 KiB message limits never
    // apply; a frame may be as large as a message. The idle timeout is off client-wide.
    opened.setMaxFrameSize(request.maxMessageSize());
    Handshake handshake = JettyValues.handshakeOf(opened.getUpgradeResponse());
    transport.register(opened, this);
    synchronized (this) {
      if (state != State.CONNECTING) {
        transport.unregister(this, opened);
        opened.disconnect(); // aborted or timed out meanwhile
        return;
      }
      state = State.OPEN;
      session = opened;
      cancelTimer();
      if (!request.pingInterval().isZero()) {
        keepAlive = new KeepAlive(scheduler, opened, request.pingInterval(),
            request.pongTimeout(), this::failOpen);
        keepAlive.start();
      }
    }
    report(() -> listener.opened(handshake));
  }

  /** A frame from Jetty's reading thread, already validated and inflated by Jetty. */
  void onFrame(Frame frame) {
    KeepAlive k;
    synchronized (this) {
      if (state == State.DONE) {
        return;
      }
      k = keepAlive;
    }
    if (k != null) {
      k.onReceived();
    }
    ByteBuffer payload = frame.getPayload() == null ? EMPTY : frame.getPayload().slice();
    switch (frame.getType()) {
      case TEXT -> assembler.textFrame(payload, frame.isFin());
      case BINARY -> assembler.binaryFrame(payload, frame.isFin());
      case CONTINUATION -> assembler.continuation(payload, frame.isFin());
      case CLOSE -> onCloseFrame(payload);
      case PING -> answerPing(payload);
      case PONG -> onPong();
      default -> { }
    }
  }

  /**
   * RFC 6455 5.5.2: a pong with the ping's payload. Jetty answers pings itself only when the
   * listener takes messages, not frames (observed with 12.1.14), so the adapter does.
   */
  private void answerPing(ByteBuffer payload) {
    Session s = openSession();
    if (s == null) {
      return;
    }
    ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
    copy.put(payload.duplicate()).flip();
    try {
      s.sendPong(copy, Callback.NOOP);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Jetty refused a pong.", e);
    }
  }

  private final class Messages implements MessageAssembler.Sink {
    @Override
    public void text(String text) {
      report(() -> listener.text(text), text.length());
    }

    @Override
    public void binary(ByteBuffer data) {
      report(() -> listener.binary(data), data.remaining());
    }

    @Override
    public void fail(int code, String reason, Throwable cause) {
      failWith(code, reason, cause);
    }
  }

  void onPong() {
    KeepAlive k = keepAlive();
    if (k != null) {
      k.onPong();
    }
  }

  private synchronized KeepAlive keepAlive() {
    return keepAlive;
  }

  void onError(Throwable cause) {
    boolean connecting;
    synchronized (this) {
      connecting = state == State.CONNECTING;
    }
    if (connecting || cause instanceof UpgradeException) {
      failUpgrade(cause);
    } else if (failure == null) {
      failure = cause;
    }
  }


  /** The server's Close frame (Jetty has checked its code and reason and will answer it). */
  private void onCloseFrame(ByteBuffer payload) {
    int received = JettyValues.closeCode(payload);
    String text = JettyValues.closeReason(payload);
    receivedCode = received;
    receivedReason = text;
    closeReceived = true;
    synchronized (this) {
      if (state == State.OPEN) {
        state = State.CLOSING;
      }
      if (!closeSent) {
        // Jetty answers the Close itself; if the server then keeps TCP open, cut it off.
        closeSent = true;
        scheduleCloseTimeout();
      }
    }
    report(() -> listener.closing(received, text));
  }

  /** Jetty's session listener: the TCP connection of this session is closed. */
  void onTcpClosed() {
    Throwable cause = failure;
    if (cause != null && JettyValues.isFailure(cause)) {
      terminate(() -> listener.failed(JettyValues.describe(cause)));
    } else {
      terminate(closedAsReceived());
    }
  }

  // ---- the engine's calls ----

  @Override
  public void sendText(String text) {
    boolean nested = enterCall();
    try {
      Session s = openSession();
      if (s == null) {
        return;
      }
      long bytes = JettyValues.utf8Length(text);
      try {
        s.sendText(text, new Written(bytes));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "Jetty refused a text message.", e);
      }
    } finally {
      exitCall(nested);
    }
  }

  @Override
  public void sendBinary(ByteBuffer data) {
    boolean nested = enterCall();
    try {
      Session s = openSession();
      if (s == null) {
        return;
      }
      ByteBuffer view = data.slice(); // Jetty consumes its argument; the engine's buffer stays put
      try {
        s.sendBinary(view, new Written(view.remaining()));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "Jetty refused a binary message.", e);
      }
    } finally {
      exitCall(nested);
    }
  }

  @Override
  public void close(int code, String reason) {
    boolean nested = enterCall();
    try {
      closeOrAbort(code, reason);
    } finally {
      exitCall(nested);
    }
  }

  private void closeOrAbort(int code, String reason) {
    Session s;
    boolean connecting;
    synchronized (this) {
      connecting = state == State.CONNECTING;
      if (connecting || state == State.DONE || closeSent) {
        s = null;
      } else {
        closeSent = true;
        state = State.CLOSING;
        s = session;
        scheduleCloseTimeout();
      }
    }
    if (connecting) {
      abort(); // outside the lock
      return;
    }
    if (s == null) {
      return;
    }
    boolean empty = code == CloseCodes.NO_STATUS_RECEIVED;
    try {
      s.close(empty ? StatusCode.NO_CODE : code, empty ? null : reason, Callback.NOOP);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Jetty refused the Close frame.", e);
    }
  }

  @Override
  public void abort() {
    boolean nested = enterCall();
    try {
      abortNow();
    } finally {
      exitCall(nested);
    }
  }

  private void abortNow() {
    CompletableFuture<Session> pending;
    boolean connecting;
    synchronized (this) {
      connecting = state == State.CONNECTING;
      pending = upgrade;
    }
    if (!connecting) {
      disconnect(terminate(() -> listener.closed(CloseCodes.ABNORMAL_CLOSURE, "", false)));
      return;
    }
    terminate(() -> listener.failed(new CancellationException(
        "The connection was aborted before the opening handshake completed.")));
    if (pending != null) {
      pending.cancel(true);
    }
  }

  /**
   * Marks the calling thread as inside a {@link Connection} method until {@link #exitCall}: what
   * such a call causes to be reported (a write Jetty completes at once, a session Jetty ends at
   * once) is then handed to Jetty's pool instead of run here, so the listener is never called from
   * inside a {@code Connection} method, of this connection or of another one.
   *
   * @return whether the thread was inside one already (a nested call)
   */
  private static boolean enterCall() {
    if (IN_CALL.get() != null) {
      return true;
    }
    IN_CALL.set(Boolean.TRUE);
    return false;
  }

  /** @param nested what the matching {@link #enterCall()} returned */
  private static void exitCall(boolean nested) {
    if (!nested) {
      IN_CALL.set(null);
    }
  }

  /**
   * Whether a report submitted on the calling thread may run the listener at once on it: only on
   * one of the transport's own callback threads ({@link JettyTransport#onTransportThread()}), and
   * never inside a {@link Connection} method.
   */
  private boolean mayReportHere() {
    return IN_CALL.get() == null && transport.onTransportThread();
  }

  // ---- outcomes ----

  private void handshakeTimedOut() {
    CompletableFuture<Session> pending;
    synchronized (this) {
      if (state != State.CONNECTING) {
        return;
      }
      pending = upgrade;
    }
    terminate(() -> listener.failed(new TimeoutException("The opening handshake did not complete"
        + " within " + request.handshakeTimeout().toMillis() + " ms.")));
    if (pending != null) {
      pending.cancel(true); // after terminate: cancelling reports a CancellationException
    }
  }

  private void failUpgrade(Throwable error) {
    Throwable cause = JettyValues.unwrap(error);
    synchronized (this) {
      if (state != State.CONNECTING) {
        return;
      }
    }
    terminate(() -> listener.failed(JettyValues.describe(cause)));
  }



  /**
   * Fails the connection from our side (RFC 6455 7.1.7): sends a Close frame with {@code code},
   * closes TCP once it is written, and reports {@code cause}.
   */
  private void failWith(int code, String reason, Throwable cause) {
    Session s = terminate(() -> listener.failed(cause));
    if (s != null) {
      try {
        s.close(code, reason, Callback.from(s::disconnect, x -> s.disconnect()));
      } catch (RuntimeException e) {
        s.disconnect();
      }
    }
  }

  /** Fails an open connection from our side (a missing pong): the engine sees error + 1006. */
  private void failOpen(Throwable cause) {
    disconnect(terminate(() -> listener.failed(cause)));
  }

  /** RFC 6455 7.1.1: the server did not close TCP in time after the Close frames; we do. */
  private void closeTimedOut() {
    LOG.log(System.Logger.Level.DEBUG, "The server did not close TCP within the close timeout of "
        + request.closeTimeout().toMillis() + " ms; closing it.");
    disconnect(terminate(closedAsReceived()));
  }

  /** The terminal callback for TCP closed now: clean if the server's Close arrived. */
  private Runnable closedAsReceived() {
    if (closeReceived) {
      int code = receivedCode;
      String reason = receivedReason;
      return () -> listener.closed(code, reason, true);
    }
    return () -> listener.closed(CloseCodes.ABNORMAL_CLOSURE, "", false);
  }

  private static void disconnect(Session s) {
    if (s != null) {
      s.disconnect();
    }
  }

  /**
   * Queues the terminal callback once and releases everything the connection holds.
   *
   * @return the session to close, or null if there is none or the connection had already ended
   */
  private Session terminate(Runnable terminal) {
    Session s;
    synchronized (this) {
      if (state == State.DONE) {
        return null;
      }
      state = State.DONE;
      cancelTimer();
      if (keepAlive != null) {
        keepAlive.stop();
      }
      s = session;
    }
    transport.unregister(this, s);
    callbacks.execute(() -> {
      if (!finished) {
        finished = true;
        call(terminal);
      }
    });
    callbacks.stopHolding(); // Jetty reads on to the end; what it reads now is dropped
    return s;
  }

  private void report(Runnable event) {
    report(event, 0);
  }

  /** @param bytes the size of the message the event reports, 0 for other events */
  private void report(Runnable event, long bytes) {
    callbacks.execute(() -> {
      if (!finished) {
        call(event);
      }
    }, bytes);
  }

  /**
   * After Jetty handed over a frame: asks for the next one now, or once the messages queued for
   * the listener are back under the bound ({@link CallbackSequencer}). Never waits.
   *
   * @param demand asks Jetty for the next frame
   */
  void demandNext(Runnable demand) {
    callbacks.demandNext(demand);
  }

  /** @return the message bytes queued for the listener (a gauge for tests) */
  long queuedBytes() {
    return callbacks.queuedBytes();
  }

  /** @return whether reading waits for the listener to catch up (a gauge for tests) */
  boolean isReadingPaused() {
    return callbacks.isDemandWithheld();
  }

  private void call(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "The connection listener threw; the connection is"
          + " aborted.", e);
      abort();
    }
  }

  /** @return the Jetty session once open, else null; for tests */
  synchronized Session session() {
    return session;
  }

  private synchronized Session openSession() {
    return state == State.OPEN || state == State.CLOSING ? session : null;
  }

  private void scheduleCloseTimeout() {
    cancelTimer();
    timer = scheduler.schedule(this::closeTimedOut, request.closeTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** Confined to the sequencer through {@link #report}. */
  private final class Written implements Callback {
    private final long bytes;

    Written(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void succeed() {
      report(() -> listener.transmitted(bytes));
    }

    @Override
    public void fail(Throwable x) {
      LOG.log(System.Logger.Level.DEBUG, "A message was not written: " + x);
    }
  }
}
