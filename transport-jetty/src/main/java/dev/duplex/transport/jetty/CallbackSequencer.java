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
 * <p>A task submitted while no other runs is run at once on the submitting thread if the
 * connection says that thread may run it ({@code mayRunHere}: one of the transport's own pool
 * threads, outside any {@code Connection} method), so the common case (a frame read) costs no
 * thread hop. Any other submitter (the scheduler's thread, the engine's thread or a handler when
 * Jetty completes a write inside {@code sendText}, or ends a session inside {@code abort}) hands
 * the task to Jetty's executor, so that listener callbacks only ever come from the transport's
 * pool and never from inside the engine's own calls. A task submitted while another runs is
 * queued and run by the thread already draining, after it; no lock is held while a task runs, so
 * a task may submit more. The sequencer starts <em>held</em>: nothing runs until
 * {@link #release()}, which lets {@code Transport.connect} return before any callback, as the spi
 * requires.
 *
 * <p>Written by hand rather than using Jetty's {@code SerializedExecutor} because it must start
 * held and must hand the first drain to another thread. Threading: thread-safe.
 */
final class CallbackSequencer implements Executor {
  private static final System.Logger LOG = System.getLogger(CallbackSequencer.class.getName());

  private final Executor releaseExecutor;
  private final BooleanSupplier mayRunHere;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean held = true;
  private boolean draining;

  /**
   * @param releaseExecutor Jetty's pool, which drains when the submitting thread may not
   * @param mayRunHere whether the calling thread may run the listener at once
   */
  CallbackSequencer(Executor releaseExecutor, BooleanSupplier mayRunHere) {
    this.releaseExecutor = releaseExecutor;
    this.mayRunHere = mayRunHere;
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
    if (mayRunHere.getAsBoolean()) {
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
