package dev.duplex.transport.nio.internal;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One WebSocket session (RFC 6455 sections 5 to 7) and its lifecycle ({@link SessionState}): it
 * parses what its {@link SocketIo} reads with {@link FrameReader} and {@link MessageDecoder},
 * decides which frames of its {@link OutboundQueue} may still go out, runs the closing handshake
 * and its timers, and reports everything to the {@link ConnectionListener} with exactly one
 * terminal callback. {@link Dialer} does the opening before it, {@link KeepAlive} the pings.
 *
 * <p>Failing the connection (section 7.1.7) sends a Close frame with the failure's code when one
 * may be sent, reports {@link ConnectionListener#failed} at once, and hands the socket to a
 * {@link Linger}, so that the server reads the Close frame rather than a reset.
 *
 * <p>Threading: the {@link Connection} methods may be called from any thread; they queue and hand
 * work to the selector thread (only {@link #sendBinaryBorrowed}, called on the selector thread by
 * a handler of this connection's delivery, writes at once). Everything else is confined to the
 * selector thread.
 */
final class NioConnection
    implements Connection, Runnable, SelectorLoop.Handler, MessageDecoder.Sink, OutboundQueue.Gate,
        KeepAlive.Host, SocketIo.Input, SocketIo.Progress {
  private static final System.Logger LOG = System.getLogger(NioConnection.class.getName());
  /**
   * Borrowed sends at least this large may be written through (see {@link #sendBinaryBorrowed}):
   * a system call per message costs little beside copying this many bytes.
   */
  static final int WRITE_THROUGH_MIN = BufferPool.BUFFER_SIZE;
  private static final AtomicIntegerFieldUpdater<NioConnection> FLUSH_QUEUED =
      AtomicIntegerFieldUpdater.newUpdater(NioConnection.class, "flushQueued");
  private static final AtomicIntegerFieldUpdater<NioConnection> CLOSE_CALLED =
      AtomicIntegerFieldUpdater.newUpdater(NioConnection.class, "closeCalled");

  private final SelectorLoop loop;
  /** Needed only until the session opens; then dropped, so an open session keeps no URI. */
  private ConnectRequest request;
  /** The URL for log messages: the request URI's own string, shared with whoever built it. */
  private final String target;
  private final long closeTimeoutNanos;
  private final GuardedListener listener;
  private final OutboundQueue out = new OutboundQueue();
  private final SocketIo io;
  private volatile int flushQueued;
  private volatile int closeCalled;
  private volatile boolean compress;

  // Confined to the selector thread from here on.
  private SessionState state = SessionState.CONNECTING;
  private FrameReader reader;
  private MessageDecoder decoder;
  private MessageDeflater deflater;
  private SelectorLoop.Timer handshakeTimer;
  private SelectorLoop.Timer closeTimer;
  private KeepAlive keepAlive;
  private int receivedCode = CloseCodes.ABNORMAL_CLOSURE;
  private String receivedReason = "";
  /** This connection's reads are being delivered (its handlers may be sending); selector only. */
  private boolean delivering;
  /** A send during the delivery is waiting for it to end. */
  private boolean flushAfterDelivery;
  /**
   * A {@link #sendBinaryBorrowed} is writing through: what its writes complete is reported once
   * the delivery ends ({@link #reportWrittenThrough}), never inside the send.
   */
  private boolean writingThrough;
  /** Application bytes written through and not yet reported as transmitted. */
  private long writtenThrough;
  /** A write through failed; the connection ends once the delivery does. */
  private IOException writeThroughFailure;

  NioConnection(SelectorLoop loop, ConnectRequest request, ConnectionListener listener) {
    this.loop = loop;
    this.request = request;
    this.target = request.uri().toString();
    this.closeTimeoutNanos = request.closeTimeout().toNanos();
    this.listener = new GuardedListener(listener, target);
    this.io = new SocketIo(loop, out);
  }

  /** @return the request; only while the session is CONNECTING (the {@link Dialer} uses it) */
  ConnectRequest request() {
    return request;
  }

  SelectorLoop loop() {
    return loop;
  }

  // ---------------------------------------------------------------- Connection (any thread)

  @Override
  public void sendText(String text) {
    out.add(OutboundFrame.text(text, compress));
    flushSoon();
  }

  @Override
  public void sendBinary(ByteBuffer data) {
    out.add(OutboundFrame.binary(data, compress));
    flushSoon();
  }

  /**
   * Bytes lent by the caller. A large message sent by a handler while this connection's reads
   * are being delivered (the W3C api's echo of what it just received), with nothing waiting to
   * be written before it, is written through at once, masked straight from the caller's bytes:
   * only what the socket does not take is copied. Every other send is copied and queued (the
   * default). A handler's small replies still go out together after the delivery: writing each
   * at once would cost a system call per message.
   */
  @Override
  public void sendBinaryBorrowed(ByteBuffer data) {
    // inLoop() first: delivering and state belong to the selector thread.
    if (!(loop.inLoop() && delivering && data.remaining() >= WRITE_THROUGH_MIN
        && state == SessionState.OPEN && writeThroughFailure == null && io.isOpen()
        && out.isEmpty())) {
      Connection.super.sendBinaryBorrowed(data);
      return;
    }
    OutboundFrame frame = OutboundFrame.borrowedBinary(data, compress);
    out.add(frame);
    writingThrough = true;
    try {
      io.flush(deflater, this, this);
    } catch (IOException e) {
      writeThroughFailure = e;
    } finally {
      writingThrough = false;
      frame.keepPayload();
    }
    flushAfterDelivery = true; // reports the bytes written (or the failure) when delivery ends
  }

  @Override
  public void close(int code, String reason) {
    if (CLOSE_CALLED.compareAndSet(this, 0, 1)) {
      out.add(OutboundFrame.close(code, reason));
      scheduleFlush();
      loop.execute(() -> closeWatchdog(-1));
    }
  }

  @Override
  public void abort() {
    loop.execute(() -> abortNow("The connection was aborted before it opened."));
  }

  /** Ends at once; a connection that never opened reports {@code failed}, as the spi requires. */
  private void abortNow(String reasonIfConnecting) {
    if (state == SessionState.CONNECTING) {
      terminateFailed(new IOException(reasonIfConnecting), false);
    } else {
      terminateClosed(CloseCodes.ABNORMAL_CLOSURE, "", false);
    }
  }

  /**
   * Has what was just queued written: a send made while this connection's reads are being
   * delivered on the selector thread (a handler answering a message, run inline) is written as
   * soon as that delivery ends, in one write with every other reply to the same read, before the
   * loop turns to anything else; any other send hands the write to a flush task.
   */
  private void flushSoon() {
    // inLoop() first: delivering belongs to the selector thread, no other thread reads it.
    if (loop.inLoop() && delivering) {
      flushAfterDelivery = true;
    } else {
      scheduleFlush();
    }
  }

  private void scheduleFlush() {
    if (FLUSH_QUEUED.compareAndSet(this, 0, 1)) {
      loop.execute(this);
    }
  }

  /** The flush task that {@link #scheduleFlush} hands to the selector thread. */
  @Override
  public void run() {
    flushQueued = 0;
    if (state != SessionState.CONNECTING && state != SessionState.TERMINATED) {
      flush();
    }
  }

  // ---------------------------------------------------------------- opening (selector thread)

  /** Starts the handshake timer; the {@link Dialer} does the rest. */
  void starting() {
    Duration timeout = request.handshakeTimeout();
    handshakeTimer = loop.schedule(timeout.toNanos(), () ->
        failOpening(new WebSocketFailure(CloseCodes.ABNORMAL_CLOSURE, "The opening handshake did"
            + " not complete within " + timeout + ".")));
  }

  /** @return whether the connection has already reported its terminal callback */
  boolean isTerminated() {
    return state == SessionState.TERMINATED;
  }

  /** The dialer opened a socket: it is closed with the connection from now on. */
  void attach(SocketChannel channel) {
    io.attach(channel);
  }

  /** The opening failed: report it (nothing was sent, so nothing lingers). */
  void failOpening(Throwable cause) {
    if (state == SessionState.CONNECTING) {
      terminateFailed(cause, false);
    }
  }

  /**
   * The server accepted the upgrade: the session is OPEN. {@code rest} holds any bytes that
   * followed the response (they may already be frames).
   */
  void opened(SelectionKey key, Wire wire, Handshake handshake, PerMessageDeflate deflate,
      ByteBuffer rest) {
    io.opened(key, wire);
    key.attach(this);
    // From now on the selector's key finds this connection when the loop stops: the loop's
    // list of connections without a key of their own need not hold it (32 bytes per socket).
    loop.forget(this);
    handshakeTimer.cancel();
    handshakeTimer = null; // an open session keeps neither the timer nor its closure
    ConnectRequest r = request;
    request = null;
    decoder = new MessageDecoder(this, r.maxMessageSize(),
        deflate == null ? null : deflate.newInflater());
    reader = new FrameReader(decoder);
    if (deflate != null) {
      deflater = deflate.newDeflater();
      compress = true;
    }
    state = state.opened();
    if (!listener.opened(handshake)) {
      listenerThrew();
      return;
    }
    if (!r.pingInterval().isZero()) {
      keepAlive = new KeepAlive(loop, this, r.pingInterval(), r.pongTimeout());
      keepAlive.start();
    }
    deliver(rest);
    if (state.canReceive() && wire.hasBufferedInput()) {
      readAvailable();
    }
  }

  // ---------------------------------------------------------------- reading (selector thread)

  @Override
  public void ready(SelectionKey key) throws IOException {
    int ops = key.readyOps();
    if ((ops & SelectionKey.OP_WRITE) != 0) {
      flush();
    }
    if ((ops & SelectionKey.OP_READ) != 0 && io.isOpen()) {
      delivering = true;
      try {
        readAvailable();
      } finally {
        delivering = false;
      }
      if (flushAfterDelivery) {
        flushAfterDelivery = false;
        if (reportWrittenThrough()
            && state != SessionState.CONNECTING && state != SessionState.TERMINATED) {
          flush();
        }
      }
    }
  }

  /**
   * Reports what sends wrote through during the delivery that just ended: the bytes as
   * transmitted, or the failure of a write, which ends the connection.
   *
   * @return false if the connection ended
   */
  private boolean reportWrittenThrough() {
    long n = writtenThrough;
    writtenThrough = 0;
    if (n > 0 && !transmitted(n)) {
      return false;
    }
    IOException failure = writeThroughFailure;
    if (failure != null) {
      writeThroughFailure = null;
      endOfStream(failure);
      return false;
    }
    return true;
  }

  @Override
  public void crashed(Throwable cause) {
    LOG.log(System.Logger.Level.ERROR, "The connection to " + target + " failed.", cause);
    if (state == SessionState.TERMINATED) {
      io.close();
    } else {
      terminateFailed(cause, false);
    }
  }

  private void readAvailable() {
    try {
      if (!io.read(this)) {
        endOfStream(null);
      }
    } catch (IOException e) {
      endOfStream(e);
    }
  }

  @Override
  public void received(ByteBuffer bytes) {
    if (keepAlive != null) {
      keepAlive.received();
    }
    deliver(bytes);
  }

  private void deliver(ByteBuffer bytes) {
    if (!state.canReceive() || !bytes.hasRemaining()) {
      return;
    }
    try {
      reader.parse(bytes);
    } catch (WebSocketFailure f) {
      fail(f);
    }
  }

  private void endOfStream(IOException cause) {
    if (cause != null) {
      LOG.log(System.Logger.Level.DEBUG, "The connection to " + target + " broke.", cause);
    }
    if (state == SessionState.TERMINATED) {
      io.close();
    } else if (state == SessionState.CLOSED || state == SessionState.CLOSE_RECEIVED) {
      terminateClosed(receivedCode, receivedReason, state == SessionState.CLOSED);
    } else {
      terminateClosed(CloseCodes.ABNORMAL_CLOSURE, "", false);
    }
  }

  // ---------------------------------------------------------------- MessageDecoder.Sink

  @Override
  public void text(String text) {
    if (!listener.text(text)) {
      listenerThrew();
    }
  }

  @Override
  public void binary(ByteBuffer data) {
    if (!listener.binary(data)) {
      listenerThrew();
    }
  }

  @Override
  public void ping(byte[] payload) {
    out.addUrgent(OutboundFrame.pong(payload));
    flush();
  }

  @Override
  public void pong(byte[] payload) {
    if (keepAlive != null) {
      keepAlive.pong(payload);
    } // otherwise the pong is unsolicited and ignored (section 5.5.3)
  }

  @Override
  public void closeReceived(int code, String reason) {
    reader.stop();
    receivedCode = code;
    receivedReason = reason;
    boolean replyNeeded = state == SessionState.OPEN;
    state = state.closeReceived();
    if (!listener.closing(code, reason)) {
      listenerThrew();
      return;
    }
    startCloseTimer(); // bounds the reply's write and the wait for the server to close TCP
    if (replyNeeded) {
      out.addUrgent(OutboundFrame.close(CloseCodes.replyTo(code), ""));
      flush();
    }
  }

  // ---------------------------------------------------------------- writing (selector thread)

  @Override
  public boolean admit(OutboundFrame frame) {
    if (frame.isClose()) {
      return state.canSendClose();
    }
    if (frame.isControl()) {
      return state == SessionState.OPEN || state == SessionState.CLOSE_SENT;
    }
    return state.canSendData();
  }

  @Override
  public void written(OutboundFrame frame) {
    if (frame.isClose()) {
      state = state.closeSent();
      startCloseTimer();
    }
  }

  private void flush() {
    try {
      io.flush(deflater, this, this);
    } catch (IOException e) {
      endOfStream(e);
    }
  }

  @Override
  public boolean transmitted(long bytes) {
    if (writingThrough) {
      writtenThrough += bytes; // reported when the delivery ends, not inside the send
      return true;
    }
    if (state == SessionState.TERMINATED) {
      return true; // a failed connection's Close frame: nothing to report
    }
    if (!listener.transmitted(bytes)) {
      listenerThrew();
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- timers (selector thread)

  /**
   * Bounds the wait before our Close frame goes out: while it waits behind queued messages the
   * connection lives on as long as bytes keep moving, but a close timeout without any progress
   * (a server that stopped reading) ends it, never a hang.
   */
  private void closeWatchdog(long progressSeen) {
    if (state != SessionState.OPEN || closeTimer != null) {
      return; // closed already, or our Close is out and the close timer runs
    }
    if (progressSeen == io.bytesWritten()) {
      terminateClosed(CloseCodes.ABNORMAL_CLOSURE, "", false);
      return;
    }
    long now = io.bytesWritten();
    loop.schedule(closeTimeoutNanos, () -> closeWatchdog(now));
  }

  private void startCloseTimer() {
    if (closeTimer == null) {
      closeTimer = loop.schedule(closeTimeoutNanos, this::closeTimedOut);
    }
  }

  private void closeTimedOut() {
    if (state == SessionState.CLOSED || state == SessionState.CLOSE_RECEIVED) {
      // CLOSED: the handshake completed, the server just did not close TCP first (7.1.1).
      // CLOSE_RECEIVED: our reply could not be written in time.
      terminateClosed(receivedCode, receivedReason, state == SessionState.CLOSED);
    } else if (state != SessionState.TERMINATED) {
      terminateClosed(CloseCodes.ABNORMAL_CLOSURE, "", false);
    } else {
      io.close();
    }
  }

  // ---------------------------------------------------------------- KeepAlive.Host

  @Override
  public boolean isOpen() {
    return state == SessionState.OPEN;
  }

  @Override
  public void sendPing(byte[] payload) {
    out.addUrgent(OutboundFrame.ping(payload));
    flush();
  }

  @Override
  public void keepAliveFailed(WebSocketFailure failure) {
    fail(failure);
  }

  // ---------------------------------------------------------------- ending (selector thread)

  /** Fails the connection (section 7.1.7), sending a Close frame with the failure's code if it may. */
  private void fail(WebSocketFailure failure) {
    if (state == SessionState.TERMINATED) {
      return;
    }
    boolean sendClose = failure.closeCode() != CloseCodes.ABNORMAL_CLOSURE && state.canSendClose();
    if (sendClose) {
      reader.stop();
      out.dropWaiting();
      out.addUrgent(OutboundFrame.close(failure.closeCode(), ""));
      flush();
    }
    terminateFailed(failure, sendClose);
  }

  private void listenerThrew() {
    abortNow("The ConnectionListener threw before the connection opened.");
  }

  private void terminateFailed(Throwable cause, boolean linger) {
    if (state == SessionState.TERMINATED) {
      return;
    }
    end(linger);
    listener.failed(cause);
  }

  private void terminateClosed(int code, String reason, boolean clean) {
    if (state == SessionState.TERMINATED) {
      return;
    }
    end(false);
    listener.closed(code, reason, clean);
  }

  /** The transport is closing: abort. */
  @Override
  public void shutdown() {
    abortNow("The transport was closed before the connection opened.");
    io.close();
  }

  private void end(boolean linger) {
    state = state.terminate();
    loop.forget(this);
    if (reader != null) {
      reader.stop();
    }
    cancel(handshakeTimer);
    if (keepAlive != null) {
      keepAlive.stop();
    }
    cancel(closeTimer);
    if (decoder != null) {
      decoder.release();
    }
    if (deflater != null) {
      deflater.end();
    }
    if (linger) {
      io.linger(Duration.ofNanos(closeTimeoutNanos));
    } else {
      io.close();
    }
  }

  private static void cancel(SelectorLoop.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
