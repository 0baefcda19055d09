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
 * <p><b>Backpressure.</b> A callback may block on a thread other than the one Jetty reads with
 * (a write completion's, say); Jetty then keeps reading, and the messages it reads wait here,
 * where the engine's receive-backlog limit cannot see them. The connection therefore takes frames
 * on demand ({@link JettyEndpoint} is not auto-demanding) and asks here for each next frame
 * ({@link #demandNext}): while the messages queued and not yet taken by the draining thread
 * exceed {@link #MAX_QUEUED_BYTES} (binary payload bytes, text characters), the demand is held
 * back and made by the draining thread as soon as the queue is back under the bound. Jetty reads
 * nothing without demand, the socket's receive buffer fills and TCP stops the server, as the nio
 * transport does when it stops reading. The queue holds at most the bound plus the message that
 * crossed it (and the one frame Jetty may already have parsed). Jetty answers no pings meanwhile
 * (the connection answers them as frames), as with the nio transport.
 *
 * <p>Why that cannot deadlock: no thread waits. A withheld demand is a stored task, not a parked
 * reader, so Jetty's pool keeps every thread; the draining thread makes the demand (which only
 * hands Jetty's reading to its pool) without waiting for anything; and once the connection has
 * ended ({@link #stopHolding()}: terminal callback queued, by abort, failure, close timeout or the
 * transport closing) every demand, withheld or new, is made at once so that Jetty reads on to the
 * end of the connection; frames it reads then are dropped, not queued.
 *
 * <p>Written by hand rather than using Jetty's {@code SerializedExecutor} because it must start
 * held, must hand the first drain to another thread and must count the bytes queued. Threading:
 * thread-safe.
 */
final class CallbackSequencer implements Executor {
  /**
   * The most message bytes queued for delivery before the next frame's demand is held back:
   * 1 MiB, as much as the engine's default receive backlog gives a slow handler, plus the message
   * that crosses it.
   */
  static final long MAX_QUEUED_BYTES = 1 << 20;

  private static final System.Logger LOG = System.getLogger(CallbackSequencer.class.getName());

  private final Executor releaseExecutor;
  private final BooleanSupplier mayRunHere;
  private final ArrayDeque<Task> tasks = new ArrayDeque<>();
  private boolean held = true;
  private boolean draining;
  /** The message bytes in {@link #tasks}. */
  private long queuedBytes;
  /** The demand for the next frame, while it is held back. */
  private Runnable withheldDemand;
  /** Set once the connection has ended: demands are made at once. */
  private boolean demandFree;

  /** A queued task and the message bytes it holds. */
  private record Task(Runnable run, long bytes) {}

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
    execute(task, 0);
  }

  /**
   * Queues a task that holds a message of {@code bytes}, counted until the task is taken.
   *
   * @param task the report
   * @param bytes the message's size (binary payload bytes, text characters); 0 for others
   */
  void execute(Runnable task, long bytes) {
    synchronized (this) {
      tasks.add(new Task(task, bytes));
      queuedBytes += bytes;
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

  /**
   * Demands the next frame now, or, while too many message bytes are queued, once the draining
   * thread has taken enough of them. Called once per frame, after Jetty handed it over.
   *
   * @param demand asks Jetty for the next frame; never waits
   */
  void demandNext(Runnable demand) {
    synchronized (this) {
      if (!demandFree && queuedBytes > MAX_QUEUED_BYTES) {
        withheldDemand = demand;
        return;
      }
    }
    demand.run();
  }

  /** The connection has ended: a withheld demand is made now, and any later one at once. */
  void stopHolding() {
    Runnable demand;
    synchronized (this) {
      demandFree = true;
      demand = withheldDemand;
      withheldDemand = null;
    }
    if (demand != null) {
      demand.run();
    }
  }

  /** @return the message bytes queued and not yet taken (a gauge for tests) */
  synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** @return whether the next frame's demand is held back (a gauge for tests) */
  synchronized boolean isDemandWithheld() {
    return withheldDemand != null;
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
      Task task;
      Runnable demand = null;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          draining = false;
          return;
        }
        queuedBytes -= task.bytes();
        if (withheldDemand != null && queuedBytes <= MAX_QUEUED_BYTES) {
          demand = withheldDemand;
          withheldDemand = null;
        }
      }
      if (demand != null) {
        demand.run(); // Jetty reads on its pool; this thread goes on with the task
      }
      try {
        task.run().run();
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "A connection callback threw; it was dropped.", e);
        if (e instanceof VirtualMachineError) {
          throw (VirtualMachineError) e;
        }
      }
    }
  }
}
