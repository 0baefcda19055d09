package dev.duplex.transport.nio.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One selector thread, shared by many connections: it waits for readiness, runs the tasks other
 * threads hand it, and fires timers. Nothing ever escapes it: an exception from a connection's
 * handler becomes that connection's failure, and an exception from a task is logged.
 *
 * <p>When the loop ends (stopped, or its selector failed), it first ends every connection it
 * knows of, then hands whatever is still queued, or queued later, to a reaper thread that runs
 * none of it: it {@linkplain Task#rejected rejects} each {@link Task} and drops the other tasks,
 * which belong to connections that have ended already.
 *
 * <p>Threading: {@link #execute} from any thread; everything else on the loop's own thread, and
 * once that has ended, on the reaper thread.
 */
final class SelectorLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

  /** What a registered channel's attachment does when its key is ready. */
  interface Handler {
    void ready(SelectionKey key) throws Exception;

    /** Called when {@link #ready} threw; must not throw. */
    void crashed(Throwable cause);

    /** The transport is closing: end at once, reporting what must be reported. */
    void shutdown();
  }

  /**
   * A task that must not vanish with the loop (a connection's opening step, without which it
   * would never report): if the loop ends before running it, it is rejected instead.
   */
  interface Task extends Runnable {
    /**
     * The loop ended before running this task. Called once, on the reaper thread (never from
     * inside {@link #execute}); must not throw.
     *
     * @param selectorFailure why the selector thread failed, or null if the loop was stopped (the
     *     transport is closing)
     */
    void rejected(Throwable selectorFailure);
  }

  /**
   * A scheduled action. Cancelling only marks it; the loop drops marked timers when they come
   * due, or all at once when they are most of the queue, so that thousands of cancelled
   * handshake timers do not keep their connections' closures for the whole timeout. Loop-confined.
   */
  static final class Timer implements Comparable<Timer> {
    final long deadline;
    final Runnable action;
    private final SelectorLoop owner;
    boolean cancelled;

    Timer(long deadline, Runnable action, SelectorLoop owner) {
      this.deadline = deadline;
      this.action = action;
      this.owner = owner;
    }

    void cancel() {
      if (!cancelled) {
        cancelled = true;
        owner.timerCancelled();
      }
    }

    @Override
    public int compareTo(Timer o) {
      return Long.compare(deadline, o.deadline);
    }
  }

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  /** Cancelled timers still in {@link #timers}. */
  private int cancelledTimers;
  private final BufferPool pool = new BufferPool();
  private final Set<Handler> live = new HashSet<>();
  private final MaskKeys maskKeys;
  private final Consumer<SelectionKey> readyAction = this::ready;
  private volatile boolean stopping;
  /** Why the loop ended: the selector's failure, or null after a stop; before {@link #ended}. */
  private Throwable endFailure;
  /** Rejects the tasks of a loop that has ended; created before {@link #ended} is set. */
  private ThreadPoolExecutor reaper;
  /** The loop's thread has ended: no task will run on it any more. */
  private volatile boolean ended;

  SelectorLoop(String name, SecureRandom random) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a selector: " + e.getMessage(), e);
    }
    this.maskKeys = new MaskKeys(random);
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Selector selector() {
    return selector;
  }

  BufferPool pool() {
    return pool;
  }

  MaskKeys maskKeys() {
    return maskKeys;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Runs {@code task} on the loop thread, after the tasks already queued; or, if the loop has
   * ended, rejects it later on the reaper thread (a {@link Task}) or drops it (any other task).
   */
  void execute(Runnable task) {
    tasks.add(task);
    if (ended) {
      // The loop's own last look at the queue may have come before this task: the reaper's does
      // not (the queue's add and poll are atomic: the task is rejected once, by one reaper run).
      reaper.execute(this::rejectQueued);
    } else if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Schedules {@code action} after {@code delayNanos}; loop thread only. */
  Timer schedule(long delayNanos, Runnable action) {
    long now = System.nanoTime();
    long deadline = delayNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delayNanos;
    Timer t = new Timer(deadline, action, this);
    timers.add(t);
    return t;
  }

  /** Fewer cancelled timers than this are left to come due. */
  static final int PURGE_THRESHOLD = 64;

  private void timerCancelled() {
    cancelledTimers++;
    if (cancelledTimers >= PURGE_THRESHOLD && cancelledTimers * 2 >= timers.size()) {
      timers.removeIf(t -> t.cancelled); // linear, and at most once per size/2 cancellations
      cancelledTimers = 0;
    }
  }

  /** @return timers waiting to come due, cancelled ones included (for tests) */
  int pendingTimers() {
    return timers.size();
  }

  /**
   * Remembers a connection that has no selection key attached to it yet (it is resolving,
   * connecting or in its handshake), to shut it down with the loop; a connection whose key is
   * attached to it is found through the selector instead. Loop thread only.
   */
  void track(Handler h) {
    live.add(h);
  }

  /** Forgets a connection that has ended; loop thread only. */
  void forget(Handler h) {
    live.remove(h);
  }

  /**
   * Stops the loop after the tasks already queued; when it ends, it shuts down every connection
   * it knows of (even one that a task queued behind the stop started). Any thread.
   */
  void stop() {
    execute(() -> stopping = true);
  }

  /** Waits up to {@code millis} for the loop thread to end (never from the loop itself). */
  void join(long millis) throws InterruptedException {
    if (!inLoop()) {
      thread.join(millis);
    }
  }

  @Override
  public void run() {
    Throwable failure = null;
    try {
      while (!stopping) {
        wakeupPending.set(false);
        long timeout = nextTimeoutMillis();
        // The action form hands each ready key over as it is found: no selected-key set to fill,
        // iterate and empty on every wake-up.
        if (!tasks.isEmpty() || timeout < 0) {
          selector.selectNow(readyAction);
        } else {
          selector.select(readyAction, timeout);
        }
        runTasks();
        runTimers();
      }
    } catch (IOException | ClosedSelectorException e) {
      failure = e;
      LOG.log(System.Logger.Level.ERROR, "The selector of " + thread.getName() + " failed.", e);
    } finally {
      end(failure);
    }
  }

  private long nextTimeoutMillis() {
    Timer next = timers.peek();
    if (next == null) {
      return 0; // select(0) waits until woken
    }
    long nanos = next.deadline - System.nanoTime();
    if (nanos <= 0) {
      return -1;
    }
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }

  /** Runs a ready key's handler; whatever it throws becomes that connection's failure. */
  private void ready(SelectionKey key) {
    Handler h = (Handler) key.attachment();
    try {
      h.ready(key);
    } catch (Throwable t) {
      crash(h, t);
    }
  }

  private static void shutdown(Handler h) {
    try {
      h.shutdown();
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.ERROR, "A connection failed to shut down.", t);
    }
  }

  private static void crash(Handler h, Throwable t) {
    try {
      h.crashed(t);
    } catch (Throwable again) {
      LOG.log(System.Logger.Level.ERROR, "A connection failed while failing.", again);
    }
  }

  private void runTasks() {
    // Only the tasks present now: a task that queues another does not starve the selector.
    int n = tasks.size();
    for (int i = 0; i < n; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        break;
      }
      runSafely(task);
    }
  }

  private void runTimers() {
    long now = System.nanoTime();
    Timer t;
    while ((t = timers.peek()) != null && t.deadline - now <= 0) {
      timers.poll();
      if (t.cancelled) {
        cancelledTimers--;
      } else {
        t.cancelled = true; // fired: a later cancel() is a no-op, not a cancelled timer to count
        runSafely(t.action);
      }
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.ERROR, "A task on the selector thread failed.", t);
    }
  }

  /**
   * The loop's thread is ending: ends every connection it knows of, then hands the tasks still
   * queued to the reaper. After a normal stop they are shut down; after a selector failure they
   * fail ({@code failure} is the selector's exception, if any).
   */
  private void end(Throwable failure) {
    // A loop that was not stopped failed, whether or not an exception says why.
    endFailure = stopping ? null
        : failure != null ? failure : new IllegalStateException("The selector loop ended.");
    for (Handler h : new ArrayList<>(live)) {
      endHandler(h);
    }
    live.clear();
    closeSelector();
    reaper = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, thread.getName() + "-ended");
      t.setDaemon(true);
      return t;
    });
    ended = true;
    if (!tasks.isEmpty()) {
      reaper.execute(this::rejectQueued);
    }
  }

  /** Shuts {@code h} down after a stop; fails it after a selector failure. */
  private void endHandler(Handler h) {
    if (endFailure == null) {
      shutdown(h);
    } else {
      crash(h, selectorFailed());
    }
  }

  private IllegalStateException selectorFailed() {
    return new IllegalStateException("The selector thread " + thread.getName() + " failed.",
        endFailure);
  }

  /**
   * On the reaper thread, which takes the place of the loop's thread (one at a time, after it):
   * rejects every queued {@link Task} and drops the other tasks.
   */
  private void rejectQueued() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      if (task instanceof Task t) {
        try {
          t.rejected(endFailure == null ? null : selectorFailed());
        } catch (Throwable e) {
          LOG.log(System.Logger.Level.ERROR, "A task rejected by an ended selector loop failed.",
              e);
        }
      }
    }
  }

  /**
   * Releases every channel still registered. A cancelled key belongs to a channel its handler has
   * closed already (every connection that shut down): the selector merely has not flushed it
   * yet, and there is nothing left to end. After a normal stop the others (a lingering socket)
   * are shut down like the tracked connections; only a loop that died of a selector failure fails
   * them.
   */
  private void closeSelector() {
    List<SelectionKey> keys = new ArrayList<>();
    try {
      keys.addAll(selector.keys());
    } catch (ClosedSelectorException ignored) {
      // already closed: nothing left to release
    }
    for (SelectionKey key : keys) {
      if (!key.isValid()) {
        continue;
      }
      endHandler((Handler) key.attachment());
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot close the selector.", e);
    }
  }
}
