package dev.duplex.guice;

import dev.duplex.WebSocketContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The shutdown hook of the injected {@link WebSocketContext}: the owner of the injector calls
 * {@link #close()} when it shuts down (from its server's stop method, a
 * {@code Runtime.getRuntime().addShutdownHook(...)}, or a try-with-resources block), and the
 * context then acts as "a document goes away" (W3C section 9): CONNECTING sockets fail, OPEN ones
 * close with code 1001, and the transport and event loop are released once they are CLOSED.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new DuplexModule(), new MyAppModule());
 * DuplexLifecycle lifecycle = injector.getInstance(DuplexLifecycle.class);
 * Runtime.getRuntime().addShutdownHook(new Thread(lifecycle::close));
 * }</pre>
 *
 * <p>Bound as a singleton by {@link DuplexModule}. States: {@link State#RUNNING} until the first
 * {@link #close()}, then {@link State#CLOSED}; a context registered after that is closed at once.
 *
 * <p>Threading: thread-safe; {@link #close()} returns at once and is idempotent.
 */
@Singleton
public final class DuplexLifecycle implements AutoCloseable {

  /** Where the lifecycle is. */
  public enum State {
    /** The contexts it holds are open. */
    RUNNING,
    /** {@link #close()} has been called. */
    CLOSED
  }

  private final List<WebSocketContext> contexts = new ArrayList<>();
  private State state = State.RUNNING;

  /** Created by Guice. */
  @jakarta.inject.Inject
  DuplexLifecycle() {}

  /**
   * Takes ownership of a context: closed by {@link #close()}, or at once if already closed.
   *
   * @param context the context
   */
  void register(WebSocketContext context) {
    synchronized (this) {
      if (state == State.RUNNING) {
        contexts.add(context);
        return;
      }
    }
    context.close();
  }

  /** @return {@link State#RUNNING} or {@link State#CLOSED} */
  public synchronized State state() {
    return state;
  }

  /**
   * Closes every context this injector provided (see {@link WebSocketContext#close()}). Returns
   * at once; the sockets' close events are still dispatched. Idempotent.
   */
  @Override
  public void close() {
    List<WebSocketContext> toClose;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      toClose = List.copyOf(contexts);
      contexts.clear();
    }
    toClose.forEach(WebSocketContext::close);
  }
}
