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
 * <p>Threading: thread-safe.
 */
final class ListenerGate {
  private static final System.Logger LOG = System.getLogger("dev.duplex.transport.okhttp");
  /** Set while the current thread is inside a {@code Connection} method of this transport. */
  private static final ThreadLocal<Boolean> IN_CALL = new ThreadLocal<>();

  private final ConnectionListener listener;
  private final Runnable onListenerFailure;
  private final Executor elsewhere;
  /** OkHttp's reader thread of the socket, once open: the one thread that reports at once. */
  private volatile Thread reader;

  // Guarded by this. opened and terminated say what was accepted, in the order it was reported.
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean held = true;
  private boolean draining;
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
    submit(Kind.OPENED, "opened", l -> l.opened(handshake));
  }

  void text(String text) {
    submit(Kind.WHILE_OPEN, "text", l -> l.text(text));
  }

  void binary(ByteBuffer data) {
    submit(Kind.WHILE_OPEN, "binary", l -> l.binary(data));
  }

  void closing(int code, String reason) {
    submit(Kind.WHILE_OPEN, "closing", l -> l.closing(code, reason));
  }

  void transmitted(long bytes) {
    if (bytes > 0) {
      submit(Kind.WHILE_OPEN, "transmitted", l -> l.transmitted(bytes));
    }
  }

  /** @return true if this call was the terminal one */
  boolean closed(int code, String reason, boolean wasClean) {
    return submit(Kind.TERMINAL, "closed", l -> l.closed(code, reason, wasClean));
  }

  /** @return true if this call was the terminal one */
  boolean failed(Throwable cause) {
    return submit(Kind.TERMINAL, "failed", l -> l.failed(cause));
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

  /**
   * Accepts or drops a report, in the order of the reports accepted so far, and queues it.
   *
   * @return whether it was accepted
   */
  private boolean submit(Kind kind, String what, Consumer<ConnectionListener> report) {
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
        }
      }
      queue.add(() -> call(what, report));
      if (held || draining) {
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

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      next.run();
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
