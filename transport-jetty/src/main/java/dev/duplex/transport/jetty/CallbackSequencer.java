package dev.duplex.transport.jetty;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Runs the {@link dev.duplex.spi.ConnectionListener} callbacks of one connection one at a time
 * and in the order they were submitted, whichever Jetty thread submits them (reads, write
 * completions and timers all arrive on different threads).
 *
 * <p>A task submitted on one of Jetty's threads while no other runs is run at once on that
 * thread, so the common case (a frame read) costs no thread hop; a task submitted on another
 * thread (the engine's, when Jetty completes a write inside {@code sendText} or the engine calls
 * {@code abort}) is handed to Jetty's executor, so that listener callbacks only ever come from the
 * transport's threads and never re-enter the engine's own calls. A task submitted while another
 * runs is queued and run by the thread already draining. The sequencer starts <em>held</em>:
 * nothing runs until {@link #release()}, which lets {@code Transport.connect} return before any
 * callback, as the spi requires.
 *
 * <p>Written by hand rather than using Jetty's {@code SerializedExecutor} because it must start
 * held and must hand the first drain to another thread. Threading: thread-safe.
 */
final class CallbackSequencer implements Executor {
  private static final System.Logger LOG = System.getLogger(CallbackSequencer.class.getName());

  private final Executor releaseExecutor;
  private final BooleanSupplier onTransportThread;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean held = true;
  private boolean draining;

  /**
   * @param releaseExecutor Jetty's pool, which drains when the submitting thread is not Jetty's
   * @param onTransportThread whether the current thread is one of Jetty's
   */
  CallbackSequencer(Executor releaseExecutor, BooleanSupplier onTransportThread) {
    this.releaseExecutor = releaseExecutor;
    this.onTransportThread = onTransportThread;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (held || draining) {
        return;
      }
      draining = true;
    }
    if (onTransportThread.getAsBoolean()) {
      drain();
    } else {
      drainElsewhere();
    }
  }

  /** Lets queued and future tasks run; the queued ones run on the release executor. */
  void release() {
    synchronized (this) {
      held = false;
      if (draining || tasks.isEmpty()) {
        return;
      }
      draining = true;
    }
    drainElsewhere();
  }

  private void drainElsewhere() {
    try {
      releaseExecutor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The pool is stopping with the transport; a short-lived thread still delivers the outcome.
      Thread thread = new Thread(this::drain, "duplex-jetty-callbacks");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "A connection callback threw; it was dropped.", e);
        if (e instanceof VirtualMachineError) {
          throw (VirtualMachineError) e;
        }
      }
    }
  }
}
