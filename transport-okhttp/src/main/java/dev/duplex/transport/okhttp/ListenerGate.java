package dev.duplex.transport.okhttp;

import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Delivers one connection's reports to its {@link ConnectionListener} as the spi demands, whatever
 * thread reports them: never two at once, in the order they were reported, nothing before {@code
 * opened} but a failure, exactly one terminal callback and nothing after it. A listener that
 * throws is logged and the connection aborted, never let back into OkHttp (where a throw would
 * cancel the socket without the terminal report).
 *
 * <p>Reports come from OkHttp's reader thread of the socket (open, messages, the server's Close,
 * most ends), from OkHttp's {@code TaskRunner} threads, which every OkHttp client in the JVM shares
 * (the end reported after writing a Close reply, write failures, missing pongs), from the
 * transport's poller ({@code transmitted}), and from whichever thread closes the socket (the
 * deferred clean close; inside {@code abort} that is the engine's). Where each runs:
 *
 * <ul>
 *   <li>a report made while another runs is queued, and run after it by the thread delivering;
 *   <li>otherwise it runs at once only on the socket's reader thread ({@link #readBy}), one of the
 *       transport's own dispatcher threads, and only outside the connection's {@code Connection}
 *       methods ({@link #enterCall()});
 *   <li>any other thread hands it to the transport's callback executor.
 * </ul>
 *
 * So the listener, and the application's handlers the engine may run inside it, only ever run on
 * threads of this transport, never from inside a call of the engine into the connection, and with
 * no lock held: a handler may send, close or block, and reports that arrive meanwhile wait in
 * order without holding up their reporters (the poller serves every connection of the transport).
 *
 * <p>The gate starts <em>held</em>: reports wait until {@link #release()}, which the transport
 * calls once OkHttp's socket is recorded.
 *
 * <p><b>Backpressure.</b> A handler may block on a thread other than the reader (a callback thread
 * delivering {@code transmitted} or a TaskRunner's end, say); the reader then keeps queueing the
 * messages it reads here, where the engine's receive-backlog limit cannot see them. So once the
 * messages queued and not yet taken by the delivering thread exceed {@link #MAX_QUEUED_BYTES}
 * (binary payload bytes, text characters), the reader waits, inside OkHttp's {@code onMessage},
 * until the queue is back under that bound: OkHttp reads nothing meanwhile, the socket's receive
 * buffer fills and TCP stops the server, as the nio transport does when it stops reading. The
 * queue therefore holds at most the bound plus one message (the one that crossed it, which may
 * be as large as the maximum message size). Pings the server sends meanwhile are not answered
 * until reading resumes, as in the nio transport.
 *
 * <p>Why that wait cannot deadlock. Only the socket's reader waits, only for a message report,
 * only outside a {@code Connection} method, and only while another thread is draining (never
 * when it is the drainer itself, which would be waiting for itself). The drainer is one of the
 * transport's callback threads, or a short-lived thread once the transport is closed: threads
 * of unbounded pools, so a waiting reader never takes the thread a drain needs. It runs only
 * the engine's listener and the handlers inside it, and nothing they can call waits for the
 * reader: {@code send} and {@code close} queue for OkHttp's writer (a TaskRunner thread, which
 * never waits for the reader either), {@code abort} closes the socket and {@link #stop()}s the
 * wait, and the engine never blocks in a callback. A handler waiting for a later event of its
 * own socket waits forever with any transport (the context delivers events one at a time), not
 * because of this wait. The wait also ends without a drain: when the terminal callback is
 * reported (later messages are then dropped, not queued), when the connection is aborted or
 * failed by the adapter or the transport is closed ({@link #stop()}, from {@code cancel}), and
 * when the reader is interrupted (the interrupt is kept). OkHttp holds no lock of its own while
 * it calls {@code onMessage}, so the waiting reader blocks nobody else's writes.
 *
 * <p>Threading: thread-safe.
 */
final class ListenerGate {
  /**
   * The most message bytes queued for delivery before the reader waits: 1 MiB, as much as the
   * engine's default receive backlog gives a slow handler, plus the message that crosses it.
   */
  static final long MAX_QUEUED_BYTES = 1 << 20;

  private static final System.Logger LOG = System.getLogger("dev.duplex.transport.okhttp");
  /** Set while the current thread is inside a {@code Connection} method of this transport. */
  private static final ThreadLocal<Boolean> IN_CALL = new ThreadLocal<>();

  private final ConnectionListener listener;
  private final Runnable onListenerFailure;
  private final Executor elsewhere;
  /** OkHttp's reader thread of the socket, once open: the one thread that reports at once. */
  private volatile Thread reader;

  // Guarded by this. opened and terminated say what was accepted, in the order it was reported.
  private final ArrayDeque<Report> queue = new ArrayDeque<>();
  private boolean held = true;
  private boolean draining;
  /** The thread draining, while one is. */
  private Thread drainer;
  /** The message bytes in {@link #queue}. */
  private long queuedBytes;
  /** Whether the reader is waiting for the queue to drain (for tests). */
  private boolean readerWaiting;
  /** Set by {@link #stop()}: the reader no longer waits. */
  private boolean stopped;
  private boolean opened;
  private boolean terminated;

  /**
   * @param listener the engine's listener
   * @param onListenerFailure aborts the connection when the listener throws
   * @param elsewhere the transport's callback executor, for reports made on other threads
   */
  ListenerGate(ConnectionListener listener, Runnable onListenerFailure, Executor elsewhere) {
    this.listener = listener;
    this.onListenerFailure = onListenerFailure;
    this.elsewhere = elsewhere;
  }

  /** @param thread OkHttp's reader thread of the socket, which reports at once from now on */
  void readBy(Thread thread) {
    reader = thread;
  }

  void opened(Handshake handshake) {
    submit(Kind.OPENED, "opened", 0, l -> l.opened(handshake));
  }

  void text(String text) {
    submit(Kind.WHILE_OPEN, "text", text.length(), l -> l.text(text));
  }

  void binary(ByteBuffer data) {
    submit(Kind.WHILE_OPEN, "binary", data.remaining(), l -> l.binary(data));
  }

  void closing(int code, String reason) {
    submit(Kind.WHILE_OPEN, "closing", 0, l -> l.closing(code, reason));
  }

  void transmitted(long bytes) {
    if (bytes > 0) {
      submit(Kind.WHILE_OPEN, "transmitted", 0, l -> l.transmitted(bytes));
    }
  }

  /** @return true if this call was the terminal one */
  boolean closed(int code, String reason, boolean wasClean) {
    return submit(Kind.TERMINAL, "closed", 0, l -> l.closed(code, reason, wasClean));
  }

  /** @return true if this call was the terminal one */
  boolean failed(Throwable cause) {
    return submit(Kind.TERMINAL, "failed", 0, l -> l.failed(cause));
  }

  /** Lets the reports made so far, and all later ones, be delivered. Idempotent. */
  void release() {
    synchronized (this) {
      held = false;
      if (draining || queue.isEmpty()) {
        return;
      }
      draining = true;
    }
    drainElsewhere();
  }

  /** @return whether {@code opened} was reported (it may still be on its way to the listener) */
  synchronized boolean isOpened() {
    return opened;
  }

  /** @return whether the terminal callback was reported (it may still be on its way) */
  synchronized boolean isTerminated() {
    return terminated;
  }

  /**
   * Ends the reader's wait for good: the connection is being cancelled (abort, a failure the
   * adapter decided on, the transport closing), so OkHttp must read on to find the socket closed
   * and report the end. Idempotent; any thread.
   */
  synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  /** @return the message bytes queued and not yet taken for delivery (a gauge for tests) */
  synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** @return whether the reader is waiting for the queue to drain (a gauge for tests) */
  synchronized boolean isReaderWaiting() {
    return readerWaiting;
  }

  /**
   * Marks the calling thread as inside a {@code Connection} method until {@link #exitCall}: a
   * report it causes on the way (the deferred clean close, when {@code abort} closes the socket)
   * is then handed to the callback executor instead of run inside the call.
   *
   * @return whether the thread was inside one already (a nested call)
   */
  static boolean enterCall() {
    if (IN_CALL.get() != null) {
      return true;
    }
    IN_CALL.set(Boolean.TRUE);
    return false;
  }

  /** @param nested what the matching {@link #enterCall()} returned */
  static void exitCall(boolean nested) {
    if (!nested) {
      IN_CALL.set(null);
    }
  }

  /** What a report is, for the order the spi demands. */
  private enum Kind {
    /** {@code opened}: once, and not after the terminal callback. */
    OPENED,
    /** Messages, {@code closing}, {@code transmitted}: only between the two. */
    WHILE_OPEN,
    /** {@code closed} or {@code failed}: exactly once. */
    TERMINAL
  }

  /** A queued report and the message bytes it holds. */
  private record Report(Runnable run, long bytes) {}

  /**
   * Accepts or drops a report, in the order of the reports accepted so far, and queues it; on the
   * reader, waits while the queue holds too many message bytes (see the class comment).
   *
   * @param bytes the message bytes the report holds, 0 for anything but a message
   * @return whether it was accepted
   */
  private boolean submit(Kind kind, String what, long bytes, Consumer<ConnectionListener> report) {
    boolean here;
    synchronized (this) {
      switch (kind) {
        case OPENED -> {
          if (opened || terminated) {
            return false;
          }
          opened = true;
        }
        case WHILE_OPEN -> {
          if (!opened || terminated) {
            return false;
          }
        }
        case TERMINAL -> {
          if (terminated) {
            return false;
          }
          terminated = true;
          notifyAll(); // a waiting reader reads on: what it reads now is dropped
        }
      }
      queue.add(new Report(() -> call(what, report), bytes));
      queuedBytes += bytes;
      if (held || draining) {
        if (bytes > 0) {
          awaitRoom();
        }
        return true;
      }
      draining = true;
      here = Thread.currentThread() == reader && IN_CALL.get() == null;
    }
    if (here) {
      drain();
    } else {
      drainElsewhere();
    }
    return true;
  }

  private void drainElsewhere() {
    try {
      elsewhere.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The transport is closed; a short-lived thread still delivers the outcome.
      Thread thread = new Thread(this::drain, "duplex-okhttp-callbacks");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * On the reader, outside a {@code Connection} method and while another thread drains: waits
   * until the queued message bytes are back under the bound, the connection ends or is stopped,
   * or the thread is interrupted. Called holding the lock, which {@code wait} releases.
   */
  private void awaitRoom() {
    Thread me = Thread.currentThread();
    if (me != reader || IN_CALL.get() != null || me == drainer) {
      return;
    }
    try {
      while (queuedBytes > MAX_QUEUED_BYTES && draining && !terminated && !stopped) {
        readerWaiting = true;
        wait();
      }
    } catch (InterruptedException e) {
      me.interrupt(); // the reader is being shut down: stop waiting, keep the interrupt
    } finally {
      readerWaiting = false;
    }
  }

  private void drain() {
    synchronized (this) {
      drainer = Thread.currentThread();
    }
    while (true) {
      Report next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          draining = false;
          drainer = null;
          return;
        }
        if (next.bytes() > 0) {
          queuedBytes -= next.bytes();
          if (queuedBytes <= MAX_QUEUED_BYTES) {
            notifyAll();
          }
        }
      }
      next.run().run();
    }
  }

  private void call(String what, Consumer<ConnectionListener> report) {
    try {
      report.accept(listener);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "The engine's listener threw from " + what + "; aborting the connection.", e);
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      if (!isTerminated()) {
        onListenerFailure.run();
      }
    }
  }
}
