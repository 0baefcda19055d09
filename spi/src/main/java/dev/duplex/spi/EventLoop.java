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

  /**
   * Runs {@code task} at once on the calling thread, as a task of this loop, if the loop lets the
   * threads that deliver events run its tasks and it has nothing running or queued; otherwise
   * queues it exactly as {@link #execute} does. Either way tasks never overlap and keep their
   * order. The engine calls this only from a transport's callback threads, and only for a
   * transport that {@linkplain Transport#allowsInlineDispatch() allows it}: it saves the hand-over
   * of every burst of events to another thread.
   *
   * <p>The default queues: a loop that does not override this never runs a task on a caller's
   * thread.
   *
   * @param task the task
   */
  default void executeOrRunHere(Runnable task) {
    execute(task);
  }

  /**
   * Runs {@code task} at once on the calling thread, as a task of this loop, if the loop lets the
   * threads that deliver events run its tasks and it has nothing running or queued; otherwise
   * does nothing. The engine uses it, from a transport's callback threads only, to dispatch a
   * message without queueing it anywhere.
   *
   * <p>The default does nothing: a loop that does not override this never runs a task on a
   * caller's thread.
   *
   * @param task the task
   * @return true if the task ran; false if it was not run (nor queued)
   */
  default boolean tryRunHere(Runnable task) {
    return false;
  }

  /** @return true if the calling thread is running a task of this loop right now */
  boolean inEventLoop();

  /**
   * Lets the queued tasks finish, then releases the loop's thread (if it owns one). Idempotent.
   */
  void shutdown();
}
