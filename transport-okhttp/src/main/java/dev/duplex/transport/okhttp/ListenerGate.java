package dev.duplex.transport.okhttp;

import dev.duplex.spi.ConnectionListener;
import dev.duplex.spi.Handshake;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Delivers one connection's reports to its {@link ConnectionListener} as the spi demands, whatever
 * OkHttp thread (reader, writer, ping task) or poller thread reports them: never two at once,
 * nothing before {@code opened} but a failure, exactly one terminal callback and nothing after
 * it. A listener that throws is logged and the connection aborted, never let back into OkHttp
 * (where a throw would cancel the socket without the terminal report).
 *
 * <p>Threading: thread-safe. A lock rather than a queue keeps each report on the thread that
 * produced it (no extra hop per message); the lock is reentrant, so a listener may call back into
 * the connection.
 */
final class ListenerGate {
  private static final System.Logger LOG = System.getLogger("dev.duplex.transport.okhttp");

  private final ConnectionListener listener;
  private final Runnable onListenerFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean opened;
  private boolean terminated;

  /**
   * @param listener the engine's listener
   * @param onListenerFailure aborts the connection when the listener throws
   */
  ListenerGate(ConnectionListener listener, Runnable onListenerFailure) {
    this.listener = listener;
    this.onListenerFailure = onListenerFailure;
  }

  void opened(Handshake handshake) {
    lock.lock();
    try {
      if (opened || terminated) {
        return;
      }
      opened = true;
      call("opened", l -> l.opened(handshake));
    } finally {
      lock.unlock();
    }
  }

  void text(String text) {
    whileOpen("text", l -> l.text(text));
  }

  void binary(ByteBuffer data) {
    whileOpen("binary", l -> l.binary(data));
  }

  void closing(int code, String reason) {
    whileOpen("closing", l -> l.closing(code, reason));
  }

  void transmitted(long bytes) {
    if (bytes > 0) {
      whileOpen("transmitted", l -> l.transmitted(bytes));
    }
  }

  /** @return true if this call was the terminal one */
  boolean closed(int code, String reason, boolean wasClean) {
    return terminal("closed", l -> l.closed(code, reason, wasClean));
  }

  /** @return true if this call was the terminal one */
  boolean failed(Throwable cause) {
    return terminal("failed", l -> l.failed(cause));
  }

  /**
   * Runs {@code action} while no report can be delivered: reports that arrive meanwhile wait. The
   * transport starts OkHttp inside this, so nothing reaches the listener before {@code connect}
   * has returned.
   */
  void holding(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  boolean isOpened() {
    lock.lock();
    try {
      return opened;
    } finally {
      lock.unlock();
    }
  }

  boolean isTerminated() {
    lock.lock();
    try {
      return terminated;
    } finally {
      lock.unlock();
    }
  }

  private void whileOpen(String what, Consumer<ConnectionListener> report) {
    lock.lock();
    try {
      if (opened && !terminated) {
        call(what, report);
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean terminal(String what, Consumer<ConnectionListener> report) {
    lock.lock();
    try {
      if (terminated) {
        return false;
      }
      terminated = true;
      call(what, report);
      return true;
    } finally {
      lock.unlock();
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
      if (!terminated) {
        onListenerFailure.run();
      }
    }
  }
}
