package dev.duplex.internal;

import dev.duplex.spi.CloseCodes;
import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.EventLoop;
import dev.duplex.spi.Handshake;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands a connection's callbacks from transport threads to the socket's event loop in batches:
 * callbacks are appended to a lock-free queue, and one drain task on the loop, submitted only
 * when none is pending, turns a whole burst into events. Text and binary messages are queued as
 * they are (no wrapper), transmitted byte counts are summed without queueing.
 *
 * <p>The inbox starts <em>held</em>: nothing is dispatched until {@link #release()}, which the
 * engine calls after {@code init} ran, or when the loop task that opened the socket ends.
 *
 * <p>Where the transport {@linkplain dev.duplex.spi.Transport#allowsInlineDispatch() allows it},
 * the callbacks hand the drain to the loop with {@link EventLoop#executeOrRunHere}: an idle loop
 * then runs it on the transport's thread at once, with no hand-over.
 *
 * <p>Threading: the {@link ConnectionListener} methods are called on transport threads (never
 * overlapping, per the spi); {@link #release()} on any thread; the drain runs on the loop.
 */
final class SocketInbox implements ConnectionListener, Runnable {
  private static final System.Logger LOG = System.getLogger("dev.duplex");
  /** Signals dispatched per drain before the loop may run other sockets' tasks. */
  private static final int BATCH = 512;
  // Plain fields behind VarHandles rather than an AtomicBoolean and an AtomicLong per socket.
  private static final VarHandle SCHEDULED;
  private static final VarHandle BACKLOG;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SCHEDULED = l.findVarHandle(SocketInbox.class, "scheduled", boolean.class);
      BACKLOG = l.findVarHandle(SocketInbox.class, "backlog", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SocketEngine engine;
  private final EventLoop loop;
  private final Queue<Object> signals = new ConcurrentLinkedQueue<>();
  /** A drain is queued on the loop or running. */
  private volatile boolean scheduled;
  /**
   * A signal for the drain that {@link #offerDirect} runs on its own thread; it comes before
   * anything queued. Thread-confined: written and read by that one thread.
   */
  private Object direct;
  private final long backlogLimit;
  /** Whether transport callbacks may run the drain on their own thread. */
  private final boolean inline;
  /** Size of the text and binary messages waiting in {@link #signals}. */
  private volatile long backlog;
  private volatile boolean overflowed;
  private volatile boolean released;

  /** The opening handshake succeeded. */
  record Opened(Handshake handshake) {}

  /** The server's Close frame arrived. */
  record Closing(int code, String reason) {}

  /** The terminal callback: closed, or failed when {@code cause} is not null. */
  record Terminated(int code, String reason, boolean wasClean, Throwable cause) {}

  SocketInbox(SocketEngine engine, EventLoop loop, long backlogLimit, boolean inline) {
    this.engine = engine;
    this.loop = loop;
    this.backlogLimit = backlogLimit;
    this.inline = inline;
  }

  @Override
  public void opened(Handshake handshake) {
    offer(new Opened(handshake));
  }

  @Override
  public void text(String text) {
    if (!overflowed && !offerDirect(text) && admit(text.length())) {
      enqueue(text);
    }
  }

  @Override
  public void binary(ByteBuffer data) {
    if (!overflowed && !offerDirect(data) && admit(data.remaining())) {
      enqueue(data);
    }
  }

  /** Counts a message into the backlog; past the limit the socket fails and messages are dropped. */
  private boolean admit(long size) {
    long waiting = (long) BACKLOG.getAndAdd(this, size) + size;
    if (waiting > backlogLimit) {
      overflowed = true;
      engine.receiveBacklogOverflow(waiting, backlogLimit);
      return false;
    }
    return true;
  }

  private static long sizeOf(Object signal) {
    if (signal instanceof String) {
      return ((String) signal).length();
    }
    return signal instanceof ByteBuffer ? ((ByteBuffer) signal).remaining() : 0;
  }

  @Override
  public void closing(int code, String reason) {
    offer(new Closing(code, reason));
  }

  @Override
  public void closed(int code, String reason, boolean wasClean) {
    offer(new Terminated(code, reason, wasClean, null));
  }

  @Override
  public void failed(Throwable cause) {
    Throwable c = cause != null ? cause
        : new IllegalStateException("The transport reported a failure without a cause.");
    offer(new Terminated(CloseCodes.ABNORMAL_CLOSURE, "", false, c));
  }

  @Override
  public void transmitted(long bytes) {
    engine.buffered().reportTransmitted(bytes);
    schedule(inline);
  }

  /** Lets the loop dispatch what has arrived and what will arrive. Idempotent. */
  void release() {
    released = true;
    // Nothing arrived yet (the usual case: the handshake takes a round trip): the transport's
    // first callback will schedule the drain, on its own thread where allowed, so the loop's
    // thread is not woken for nothing and cannot be caught busy when the open event arrives.
    // A callback racing with this line sees released or leaves a signal that this line sees.
    if (!signals.isEmpty() || engine.buffered().hasReported()) {
      schedule(false);
    }
  }

  /** Called only from the transport's callbacks. */
  private void offer(Object signal) {
    if (!offerDirect(signal)) {
      enqueue(signal);
    }
  }

  /**
   * Where the transport allows inline dispatch, and nothing waits, no drain is scheduled and the
   * loop is idle, dispatches {@code signal} on this thread before returning, without queueing it
   * anywhere (so it never counts towards the receive backlog). Called only from the transport's
   * callbacks (which never overlap, so nothing else adds to {@link #signals} meanwhile).
   *
   * @return false, having done nothing, if the signal must be queued
   */
  private boolean offerDirect(Object signal) {
    if (inline && released && signals.isEmpty() && SCHEDULED.compareAndSet(this, false, true)) {
      direct = signal;
      if (loop.tryRunHere(this)) {
        return true;
      }
      direct = null;
      scheduled = false; // the loop is busy: queue the signal instead, counted
      if (!signals.isEmpty() || engine.buffered().hasReported()) {
        schedule(inline); // a report that arrived meanwhile found the drain taken
      }
    }
    return false;
  }

  private void enqueue(Object signal) {
    signals.add(signal);
    schedule(inline);
  }

  /** @param here whether the calling thread may run the drain itself (a transport callback) */
  private void schedule(boolean here) {
    if (released && SCHEDULED.compareAndSet(this, false, true)) {
      if (here) {
        loop.executeOrRunHere(this);
      } else {
        loop.execute(this);
      }
    }
  }

  /** The drain task, run on the loop. */
  @Override
  public void run() {
    Object first = direct;
    direct = null;
    LoopTaskScope scope = LoopTaskScope.enter();
    try {
      drain(first);
    } finally {
      LoopTaskScope.exit(scope);
    }
  }

  private void drain(Object first) {
    try {
      engine.applyTransmitted();
      Object signal = first != null ? first : signals.poll();
      for (int i = 0; i < BATCH && signal != null; i++) {
        long size = i == 0 && first != null ? 0 : sizeOf(signal); // a direct one is not counted
        if (size != 0) {
          BACKLOG.getAndAdd(this, -size);
        }
        try {
          engine.handle(signal);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.ERROR, "Duplex failed to handle " + signal.getClass()
              .getSimpleName() + " for " + engine.url().href() + "; this is a bug.", e);
        }
        signal = i + 1 < BATCH ? signals.poll() : null;
      }
    } finally {
      scheduled = false;
    }
    if (!signals.isEmpty() || engine.buffered().hasReported()) {
      schedule(false);
    }
  }

}
