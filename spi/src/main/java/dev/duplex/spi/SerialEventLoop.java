package dev.duplex.spi;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link EventLoop} that runs its tasks one at a time on an underlying executor, draining in
 * batches so that a burst of events costs one hand-over, not one per event. When
 * {@code runsOnCallers} is set, {@link #executeOrRunHere} lets the calling thread take the loop
 * when it is idle and drain it itself: no hand-over at all. Whoever drains, a drain runs at most
 * {@link #BATCH} tasks and passes what is left to the executor.
 *
 * <p>Threading: thread-safe.
 */
final class SerialEventLoop implements EventLoop {
  private static final System.Logger LOG = System.getLogger("dev.duplex");
  /** Tasks run per drain before yielding the executor's thread to others. */
  private static final int BATCH = 1024;

  private final Executor executor;
  private final Runnable onShutdown;
  private final boolean runsOnCallers;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile Thread runner;

  SerialEventLoop(Executor executor, Runnable onShutdown) {
    this(executor, onShutdown, false);
  }

  SerialEventLoop(Executor executor, Runnable onShutdown, boolean runsOnCallers) {
    this.executor = executor;
    this.onShutdown = onShutdown;
    this.runsOnCallers = runsOnCallers;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (shutdown.get()) {
      return;
    }
    tasks.add(task);
    schedule();
  }

  @Override
  public void executeOrRunHere(Runnable task) {
    if (!runsOnCallers) {
      execute(task);
      return;
    }
    if (shutdown.get() || tryRunHere(task)) {
      return;
    }
    tasks.add(task);
    if (scheduled.compareAndSet(false, true)) {
      drain(null);
    }
  }

  @Override
  public boolean tryRunHere(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (!runsOnCallers || shutdown.get()) {
      return false;
    }
    if (tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
      // Idle: run it first, without the queue (a task queued since, by another thread, is
      // concurrent with this one and may follow it).
      drain(task);
      return true;
    }
    return false;
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        LOG.log(System.Logger.Level.WARNING, "event loop executor rejected a drain; events dropped", e);
        tasks.clear();
      }
    }
  }

  private void drain() {
    drain(null);
  }

  /** Runs {@code first} (if not null), then queued tasks, at most {@link #BATCH} in all. */
  private void drain(Runnable first) {
    runner = Thread.currentThread();
    try {
      Runnable task = first != null ? first : tasks.poll();
      for (int i = 0; i < BATCH && task != null; i++) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          LOG.log(System.Logger.Level.ERROR, "an event-loop task threw; the loop goes on", e);
          if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
          }
        }
        task = i + 1 < BATCH ? tasks.poll() : null;
      }
    } finally {
      runner = null;
      scheduled.set(false);
    }
    if (!tasks.isEmpty()) {
      schedule();
    } else if (shutdown.get() && released.compareAndSet(false, true)) {
      onShutdown.run();
    }
  }

  @Override
  public boolean inEventLoop() {
    return runner == Thread.currentThread();
  }

  @Override
  public void shutdown() {
    if (shutdown.compareAndSet(false, true)) {
      // A last, empty task: the drain that runs it finds the queue empty and releases the thread.
      tasks.add(() -> {});
      schedule();
    }
  }
}
