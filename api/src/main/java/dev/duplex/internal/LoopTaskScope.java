package dev.duplex.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks the thread as running a task of a Duplex event loop, so that work registered during the
 * task runs when it ends. A socket opened inside a handler or {@code context.run} defers the
 * hand-over of its events this way: "the script that created the socket runs to completion before
 * any of its events", even when the new socket has a loop of its own.
 *
 * <p>Each thread keeps one scope and counts how deeply it is inside loop tasks, so entering and
 * leaving a task (once per dispatched burst, often once per message) costs one thread-local
 * lookup, not a new object and two thread-local writes.
 *
 * <p>Threading: thread-confined (a {@link ThreadLocal}).
 */
final class LoopTaskScope {
  private static final ThreadLocal<LoopTaskScope> CURRENT = new ThreadLocal<>();
  private int depth;
  private List<Runnable> atEnd;

  private LoopTaskScope() {}

  /** Runs {@code task} as a loop task, then whatever it deferred (even if it threw). */
  static void run(Runnable task) {
    LoopTaskScope scope = enter();
    try {
      task.run();
    } finally {
      exit(scope);
    }
  }

  /**
   * Begins a loop task on this thread, for callers that cannot pass a Runnable to {@link #run}
   * without allocating one; pair it with {@link #exit} in a {@code finally}. Nested tasks belong
   * to the outermost one.
   *
   * @return the thread's scope, to exit
   */
  static LoopTaskScope enter() {
    LoopTaskScope scope = CURRENT.get();
    if (scope == null) {
      scope = new LoopTaskScope();
      CURRENT.set(scope);
    }
    scope.depth++;
    return scope;
  }

  /** Ends the task begun by {@link #enter}; the outermost one runs what was deferred. */
  static void exit(LoopTaskScope scope) {
    if (--scope.depth == 0 && scope.atEnd != null) {
      List<Runnable> deferred = scope.atEnd;
      scope.atEnd = null;
      for (Runnable r : deferred) {
        r.run();
      }
    }
  }

  /**
   * @param action what to run when the current loop task ends
   * @return false, with nothing registered, if the thread is not running a loop task
   */
  static boolean deferToEndOfTask(Runnable action) {
    LoopTaskScope scope = CURRENT.get();
    if (scope == null || scope.depth == 0) {
      return false;
    }
    if (scope.atEnd == null) {
      scope.atEnd = new ArrayList<>(2);
    }
    scope.atEnd.add(action);
    return true;
  }
}
