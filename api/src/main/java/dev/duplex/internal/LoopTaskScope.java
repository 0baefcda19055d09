package dev.duplex.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks the thread as running a task of a Duplex event loop, so that work registered during the
 * task runs when it ends. A socket opened inside a handler or {@code context.run} defers the
 * hand-over of its events this way: "the script that created the socket runs to completion before
 * any of its events", even when the new socket has a loop of its own.
 *
 * <p>Threading: thread-confined (a {@link ThreadLocal}).
 */
final class LoopTaskScope {
  private static final ThreadLocal<LoopTaskScope> CURRENT = new ThreadLocal<>();
  private List<Runnable> atEnd;

  private LoopTaskScope() {}

  /** Runs {@code task} as a loop task, then whatever it deferred (even if it threw). */
  static void run(Runnable task) {
    LoopTaskScope outer = CURRENT.get();
    if (outer != null) {
      task.run();
      return;
    }
    LoopTaskScope scope = new LoopTaskScope();
    CURRENT.set(scope);
    try {
      task.run();
    } finally {
      CURRENT.remove();
      scope.finish();
    }
  }

  /**
   * @param action what to run when the current loop task ends
   * @return false, with nothing registered, if the thread is not running a loop task
   */
  static boolean deferToEndOfTask(Runnable action) {
    LoopTaskScope scope = CURRENT.get();
    if (scope == null) {
      return false;
    }
    if (scope.atEnd == null) {
      scope.atEnd = new ArrayList<>(2);
    }
    scope.atEnd.add(action);
    return true;
  }

  private void finish() {
    if (atEnd != null) {
      for (Runnable r : atEnd) {
        r.run();
      }
    }
  }
}
