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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One selector thread, shared by many connections: it waits for readiness, runs the tasks other
 * threads hand it, and fires timers. Nothing ever escapes it: an exception from a connection's
 * handler becomes that connection's failure, and an exception from a task is logged.
 *
 * <p>Threading: {@link #execute} from any thread; everything else on the loop's own thread.
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

  /** Runs {@code task} on the loop thread, after the tasks already queued. */
  void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
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

  /** Shuts down every tracked connection, then stops the loop; any thread. */
  void stop() {
    execute(() -> {
      for (Handler h : new ArrayList<>(live)) {
        shutdown(h);
      }
      live.clear();
      stopping = true;
    });
  }

  /** Waits up to {@code millis} for the loop thread to end (never from the loop itself). */
  void join(long millis) throws InterruptedException {
    if (!inLoop()) {
      thread.join(millis);
    }
  }

  @Override
  public void run() {
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
      LOG.log(System.Logger.Level.ERROR, "The selector of " + thread.getName() + " failed.", e);
    } finally {
      closeSelector();
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
   * Releases every channel still registered. A cancelled key belongs to a channel its handler has
   * closed already (after {@link #stop}, every connection that shut down): the selector merely
   * has not flushed it yet, and there is nothing left to end. After a normal stop the others (a
   * lingering socket) are shut down like the tracked connections; only a loop that died of a
   * selector failure fails them.
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
      Handler h = (Handler) key.attachment();
      if (stopping) {
        shutdown(h);
      } else {
        crash(h, new IllegalStateException("The selector thread " + thread.getName() + " failed."));
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot close the selector.", e);
    }
  }
}
