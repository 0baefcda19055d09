package dev.duplex.transport.jetty;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the {@link dev.duplex.spi.ConnectionListener} callbacks of one connection one at a time
 * and in the order they were submitted, whichever Jetty thread submits them (reads, write
 * completions and timers all arrive on different threads).
 *
 * <p>A task submitted while no other runs is run at once on the submitting thread, so the
 * common case costs no thread hop; a task submitted while another runs (on any thread, including
 * re-entrantly from inside a callback) is queued and run by the thread already draining. The
 * sequencer starts <em>held</em>: nothing runs until {@link #release()}, which lets
 * {@code Transport.connect} return before any callback, as the spi requires.
 *
 * <p>Written by hand rather than using Jetty's {@code SerializedExecutor} because it must start
 * held and must hand the first drain to another thread. Threading: thread-safe.
 */
final class CallbackSequencer implements Executor {
  private static final System.Logger LOG = System.getLogger(CallbackSequencer.class.getName());

  private final Executor releaseExecutor;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean held = true;
  private boolean draining;

  /** @param releaseExecutor runs the first drain after {@link #release()}; a Jetty pool thread */
  CallbackSequencer(Executor releaseExecutor) {
    this.releaseExecutor = releaseExecutor;
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
    drain();
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
