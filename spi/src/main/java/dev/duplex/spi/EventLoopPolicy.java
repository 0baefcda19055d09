package dev.duplex.spi;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates the event loops that dispatch events to application handlers.
 *
 * <p>Every policy here keeps the events of one socket strictly in order. By default
 * ({@link #sharedWithTransport()}) each context has one serial loop, as a browser has one per
 * document, so no two handlers of one context ever run at once: the transport's own thread runs
 * the handlers when the loop is idle (no hand-over between threads), and the context's daemon
 * thread runs them otherwise. {@link #dedicatedThread()} runs every handler on the context's
 * daemon thread, for handlers that block. {@link #serialOn(Executor)} keeps the one-at-a-time
 * guarantee on the application's own executor; {@link #perSocket(Executor)} gives each socket
 * its own serial loop, so sockets of one context may run their handlers in parallel.
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

  /**
   * One serial loop per context, shared with the transport's threads (the default).
   *
   * <p>A transport that {@linkplain Transport#allowsInlineDispatch() allows it} (the {@code nio}
   * transport does) runs the handlers on the thread that received the events whenever the
   * context's loop is idle, which saves two thread hand-overs per round trip; otherwise, and for
   * work that comes from other threads ({@code context.run}, the end of {@code init}), the
   * context's own daemon thread runs them. Handlers of one context still never overlap and see
   * each other's writes, but they may run on different threads, and a handler that blocks also
   * holds up the input and output of the transport thread it runs on (only this context's
   * connections: each context has its own transport). Choose {@link #dedicatedThread()} for
   * handlers that block.
   *
   * @return the policy
   */
  static EventLoopPolicy sharedWithTransport() {
    return name -> {
      ExecutorService thread = daemonThread(name);
      return new SerialEventLoop(thread, thread::shutdown, true);
    };
  }

  /**
   * One loop per context on its own daemon thread: every handler runs on that thread, so a
   * handler that blocks never holds up the transport's input and output (the events of this
   * context wait for it, as in a browser). Each burst of events is handed over to that thread.
   *
   * @return the policy
   */
  static EventLoopPolicy dedicatedThread() {
    return name -> {
      ExecutorService thread = daemonThread(name);
      return new SerialEventLoop(thread, thread::shutdown);
    };
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "duplex-events-" + name);
      t.setDaemon(true);
      return t;
    });
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
