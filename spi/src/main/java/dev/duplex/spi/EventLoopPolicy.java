package dev.duplex.spi;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates the event loops that dispatch events to application handlers.
 *
 * <p>By default ({@link #dedicatedThread()}) each context has one loop on one daemon thread, as a
 * browser has one per document: the events of one socket arrive strictly in order and no two
 * handlers of one context ever run at once. {@link #serialOn(Executor)} keeps that guarantee on
 * the application's own executor; {@link #perSocket(Executor)} gives each socket its own serial
 * loop, so sockets of one context may run their handlers in parallel.
 *
 * <p>Threading: implementations must be thread-safe.
 */
public interface EventLoopPolicy {

  /**
   * Called once per context, or once per socket when {@link #perSocket()} is true.
   *
   * @param name a name for threads and diagnostics, such as the context's name or the socket's URL
   * @return a new loop, owned and shut down by the caller
   */
  EventLoop newEventLoop(String name);

  /** @return true if every socket gets its own loop; false (default) for one per context */
  default boolean perSocket() {
    return false;
  }

  /** @return one loop per context, each on its own daemon thread (the default) */
  static EventLoopPolicy dedicatedThread() {
    return name -> {
      ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "duplex-events-" + name);
        t.setDaemon(true);
        return t;
      });
      return new SerialEventLoop(thread, thread::shutdown);
    };
  }

  /**
   * One serial loop per context over the application's executor.
   *
   * @param executor runs the loop's drain tasks; never shut down by Duplex
   * @return the policy
   */
  static EventLoopPolicy serialOn(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return name -> new SerialEventLoop(executor, () -> {});
  }

  /**
   * One serial loop per socket over the application's executor (for example a pool), so that
   * sockets of one context dispatch in parallel while each socket's events stay in order.
   *
   * @param executor runs the loops' drain tasks; never shut down by Duplex
   * @return the policy
   */
  static EventLoopPolicy perSocket(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return new EventLoopPolicy() {
      @Override
      public EventLoop newEventLoop(String name) {
        return new SerialEventLoop(executor, () -> {});
      }

      @Override
      public boolean perSocket() {
        return true;
      }
    };
  }
}
