package dev.duplex.internal;

import dev.duplex.BinaryType;
import dev.duplex.CloseEvent;
import dev.duplex.CloseEventInit;
import dev.duplex.Event;
import dev.duplex.InvalidStateError;
import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Connection;
import dev.duplex.spi.EventLoop;
import dev.duplex.spi.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The W3C algorithms of one socket: the {@link ReadyState} machine, {@code send} and
 * {@code close}, and the tasks of sections 5 and 9 (open, message, closing, closed, garbage
 * collection, "make disappear").
 *
 * <p>The engine reaches its public {@link WebSocketFacade} only through a weak reference, plus a
 * strong one ({@link #pinned}) while section 9 forbids collecting it, so that an unreachable
 * socket can be collected and closed.
 *
 * <p>Threading: {@code send}, {@code close} and the getters may be called from any thread; state
 * changes and the Connection calls that go with them happen under {@link #lock}. The task methods
 * ({@link #handle}, {@link #facadeCollected}) run on the socket's event loop.
 */
final class SocketEngine {
  private static final System.Logger LOG = System.getLogger("dev.duplex");

  private final ContextRuntime context;
  private final ParsedUrl url;
  private final EventLoop loop;
  private final boolean ownsLoop;
  private final long bufferLimit;
  private final BufferedAmount buffered = new BufferedAmount();
  private final SocketInbox inbox;
  /** Guards the state changes and the Connection calls that go with them (and the pin). */
  private final Object lock = this;
  /** Set once, by the facade's constructor, before the engine is shared with other threads. */
  private GcSupport.FacadeRef facadeRef;
  private volatile WebSocketFacade pinned;
  private volatile ReadyState state = ReadyState.CONNECTING;
  private volatile String extensions = "";
  private volatile String protocol = "";
  private Connection connection;
  /** "Required to fail the WebSocket connection" or "closed with prejudice"; under lock. */
  private boolean mustFail;
  /** The facade was garbage collected; under lock. */
  private boolean orphaned;

  SocketEngine(ContextRuntime context, ParsedUrl url, EventLoop loop, boolean ownsLoop,
      long bufferLimit, long receiveBacklogLimit, boolean inlineDispatch) {
    this.context = context;
    this.url = url;
    this.loop = loop;
    this.ownsLoop = ownsLoop;
    this.bufferLimit = bufferLimit;
    this.inbox = new SocketInbox(this, loop, receiveBacklogLimit, inlineDispatch);
  }

  void attach(WebSocketFacade facade) {
    this.facadeRef = GcSupport.watch(facade, this);
  }

  /** Starts the opening handshake; its outcome waits in the inbox until it is released. */
  void connect(Transport transport, ConnectRequest request) {
    Connection c;
    try {
      c = transport.connect(request, inbox);
    } catch (RuntimeException e) {
      inbox.failed(e);
      return;
    }
    synchronized (lock) {
      connection = c;
      if (mustFail) {
        c.abort();   // failed (the context closed) while connect was still running
      }
    }
  }

  SocketInbox inbox() {
    return inbox;
  }

  BufferedAmount buffered() {
    return buffered;
  }

  EventLoop loop() {
    return loop;
  }

  ParsedUrl url() {
    return url;
  }

  ContextRuntime context() {
    return context;
  }

  ReadyState state() {
    return state;
  }

  String extensions() {
    return extensions;
  }

  String protocol() {
    return protocol;
  }

  // ---- application calls (any thread) ----

  /** @throws InvalidStateError if CONNECTING (the first sentence of {@code send}) */
  void requireSendable() {
    if (state == ReadyState.CONNECTING) {
      throw new InvalidStateError(
          "The WebSocket is still CONNECTING; send after the open event has fired.");
    }
  }

  void sendText(String data) {
    requireSendable();
    String text = Utf8.sanitize(data);
    transmit(Utf8.length(text), text, false);
  }

  /** @param data bytes nobody else changes (a Blob's read-only view) */
  void sendBinary(ByteBuffer data) {
    requireSendable();
    transmit(data.remaining(), data, false);
  }

  /**
   * @param data the application's bytes, which it may change once this returns: the transport
   *     takes them during the call ({@link Connection#sendBinaryBorrowed})
   */
  void sendBinaryBorrowed(ByteBuffer data) {
    requireSendable();
    transmit(data.remaining(), data, true);
  }

  /**
   * Counts {@code bytes} in bufferedAmount and hands the String or ByteBuffer to the transport if
   * OPEN. After the closing handshake started the data only counts; past the buffer limit the
   * connection is closed with prejudice.
   */
  private void transmit(long bytes, Object message, boolean borrowed) {
    IOException overflow = null;
    synchronized (lock) {
      buffered.queued(bytes);
      if (state != ReadyState.OPEN) {
        return;
      }
      long before = buffered.reserve(bytes, bufferLimit);
      if (before < 0) {
        overflow = new IOException("Sending " + bytes + " bytes to " + url.href()
            + " would pass the buffer limit of " + bufferLimit + " bytes ("
            + buffered.inFlight() + " not yet transmitted); the connection was closed with "
            + "prejudice.");
        failLocked();
      } else {
        if (message instanceof String) {
          connection.sendText((String) message);
        } else if (borrowed) {
          connection.sendBinaryBorrowed((ByteBuffer) message);
        } else {
          connection.sendBinary((ByteBuffer) message);
        }
        if (before == 0) {
          updatePinLocked(); // data is queued now: section 9 may forbid collecting the socket
        }
      }
    }
    if (overflow != null) {
      context.observeFailure(url, overflow);
    }
  }

  /** Received messages pile up faster than the handlers consume them: close with prejudice. */
  void receiveBacklogOverflow(long waiting, long limit) {
    synchronized (lock) {
      if (state == ReadyState.CLOSED) {
        return;
      }
      failLocked();
    }
    context.observeFailure(url, new IOException(waiting + " bytes of messages received from "
        + url.href() + " were waiting for the event loop, more than the receive backlog limit of "
        + limit + "; the handlers did not keep up, so the connection was closed with prejudice."));
  }

  /** Step 3 of {@code close()}: arguments already validated. */
  void close(CloseArguments args) {
    synchronized (lock) {
      switch (state) {
        case CONNECTING:
          failLocked();
          break;
        case OPEN:
          startClosingLocked(args.code(), args.reason());
          break;
        default:
          return;
      }
    }
    updatePin();
  }

  /** Section 9, "make disappear" (the context is closing). */
  void goAway() {
    synchronized (lock) {
      if (state == ReadyState.CONNECTING) {
        failLocked();
      } else if (state == ReadyState.OPEN) {
        startClosingLocked(CloseCodes.GOING_AWAY, "");
      }
    }
  }

  /** Fails the connection (close in CONNECTING, buffer overflow): error and close 1006 follow. */
  private void failLocked() {
    mustFail = true;
    if (state != ReadyState.CLOSING) {
      moveLocked(ReadyState.CLOSING);
    }
    if (connection != null) {
      connection.abort();
    }
  }

  private void startClosingLocked(int code, String reason) {
    moveLocked(ReadyState.CLOSING);
    connection.close(code, reason);
  }

  /** The only way readyState changes: a transition the specification makes, under lock. */
  private void moveLocked(ReadyState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("readyState cannot go from " + state + " to " + next + ".");
    }
    state = next;
  }

  // ---- tasks (event loop) ----

  void applyTransmitted() {
    if (!buffered.hasReported()) {
      return;
    }
    synchronized (lock) {
      if (buffered.applyTransmitted()) {
        updatePinLocked();
      }
    }
  }

  void handle(Object signal) {
    if (signal instanceof String || signal instanceof ByteBuffer) {
      onMessage(signal);
    } else if (signal instanceof SocketInbox.Opened) {
      onOpened((SocketInbox.Opened) signal);
    } else if (signal instanceof SocketInbox.Closing) {
      onClosing();
    } else {
      onTerminated((SocketInbox.Terminated) signal);
    }
  }

  /** Section 5, "when the WebSocket connection is established". */
  private void onOpened(SocketInbox.Opened opened) {
    synchronized (lock) {
      if (state != ReadyState.CONNECTING) {
        return;
      }
      moveLocked(ReadyState.OPEN);
      extensions = opened.handshake().extensions();
      protocol = opened.handshake().protocol();
      if (orphaned) {
        startClosingLocked(CloseCodes.NO_STATUS_RECEIVED, "");
        return;
      }
    }
    context.storeCookies(url, opened.handshake());
    updatePin();
    fire(new Event("open"));
  }

  /** Section 5, "when a WebSocket message has been received". */
  private void onMessage(Object data) {
    if (state != ReadyState.OPEN) {
      return;
    }
    WebSocketFacade f = facadeRef.get();
    if (f == null || !f.listeners().has("message")) {
      return;
    }
    Object payload = data;
    if (data instanceof ByteBuffer) {
      ByteBuffer b = (ByteBuffer) data;
      payload = f.binaryType() == BinaryType.BLOB
          ? ApiBridge.get().adoptBlob(b)
          : (b.position() == 0 && b.limit() == b.capacity() ? b : b.slice()).asReadOnlyBuffer();
    }
    EventDispatcher.dispatch(f, f.listeners(), ApiBridge.get().messageEvent(payload, url), true);
  }

  /** Section 5, "when the WebSocket closing handshake is started". */
  private void onClosing() {
    synchronized (lock) {
      if (state == ReadyState.OPEN) {
        moveLocked(ReadyState.CLOSING);
      }
    }
    updatePin();
  }

  /** Section 5, "when the WebSocket connection is closed". */
  private void onTerminated(SocketInbox.Terminated t) {
    boolean error;
    synchronized (lock) {
      if (state == ReadyState.CLOSED) {
        return;
      }
      error = mustFail || t.cause() != null || state == ReadyState.CONNECTING;
      moveLocked(ReadyState.CLOSED);
    }
    if (t.cause() != null) {
      context.observeFailure(url, t.cause());
    }
    boolean codeOk = t.code() >= 0 && t.code() <= 0xFFFF && t.reason() != null;
    CloseEventInit init = error || !codeOk
        ? new CloseEventInit().code(CloseCodes.ABNORMAL_CLOSURE)
        : new CloseEventInit().wasClean(t.wasClean()).code(t.code()).reason(t.reason());
    try {
      if (error) {
        fire(new Event("error"));
      }
      fire(new CloseEvent("close", init));
    } finally {
      synchronized (lock) {
        pinned = null;
      }
      context.socketClosed(this);
      if (ownsLoop) {
        loop.shutdown();
      }
    }
  }

  /** Section 9: the facade became unreachable; GcSupport's reaper queued this on the loop. */
  void facadeCollected() {
    synchronized (lock) {
      orphaned = true;
      if (state == ReadyState.OPEN) {
        LOG.log(System.Logger.Level.DEBUG, "An open WebSocket to {0} became unreachable; "
            + "closing it without a status code.", url.href());
        startClosingLocked(CloseCodes.NO_STATUS_RECEIVED, "");
      }
    }
  }

  private void fire(Event event) {
    WebSocketFacade f = facadeRef.get();
    if (f != null) {
      EventDispatcher.dispatch(f, f.listeners(), event, true);
    }
  }

  /** Section 9: holds the facade strongly exactly while it must not be collected. */
  void updatePin() {
    synchronized (lock) {
      updatePinLocked();
    }
  }

  private void updatePinLocked() {
    WebSocketFacade f = facadeRef.get();
    boolean keep = f != null && GcSupport.mustKeep(state, f.listeners(), buffered.inFlight() > 0);
    pinned = keep ? f : null;
  }

  boolean isPinned() {
    return pinned != null;
  }
}
