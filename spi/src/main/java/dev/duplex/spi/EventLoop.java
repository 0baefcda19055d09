package dev.duplex.spi;

import java.util.concurrent.Executor;

/**
 * The Java counterpart of a browser's event loop: runs tasks one at a time, in the order they
 * were submitted. Every event of a socket is dispatched as a task on its loop.
 *
 * <p>Threading: {@link #execute} and {@link #inEventLoop} may be called from any thread.
 */
public interface EventLoop extends Executor {

  /**
   * Queues a task. Tasks never overlap and run in submission order. A task that throws is logged
   * and does not stop the loop. Tasks submitted after {@link #shutdown()} are dropped.
   *
   * @param task the task
   */
  @Override
  void execute(Runnable task);

  /** @return true if the calling thread is running a task of this loop right now */
  boolean inEventLoop();

  /**
   * Lets the queued tasks finish, then releases the loop's thread (if it owns one). Idempotent.
   */
  void shutdown();
}
