package dev.duplex.tck.client;

import dev.duplex.CloseEvent;
import dev.duplex.MessageEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import dev.duplex.tck.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link WebSocket} opened through the api with its four handlers set race-free (in the
 * {@code init} of {@link WebSocketContext#open(String, List, java.util.function.Consumer)}),
 * recording every event in order so a test can wait for them.
 *
 * <p>Threading: handlers run on the context's event loop; the {@code await} methods are for one
 * test thread; {@link #onLoop(Supplier)} runs code as a task on the loop and waits for it.
 */
public final class ApiSocket {
  private final WebSocketContext context;
  private final BlockingQueue<ApiEvent> queue = new LinkedBlockingQueue<>();
  private final List<ApiEvent> all = new ArrayList<>();
  private final WebSocket socket;

  private ApiSocket(WebSocketContext context, Function<Consumer<WebSocket>, WebSocket> open) {
    this.context = context;
    this.socket = open.apply(ws -> {
      ws.onopen(e -> record(new ApiEvent("open", ws.readyState(), e, thread())));
      ws.onmessage(e -> record(new ApiEvent("message", ws.readyState(), e, thread())));
      ws.onerror(e -> record(new ApiEvent("error", ws.readyState(), e, thread())));
      ws.onclose(e -> record(new ApiEvent("close", ws.readyState(), e, thread())));
    });
  }

  /**
   * Opens a socket with all four handlers recording.
   *
   * @param context the context the socket is opened on, whose loop {@link #onLoop} uses
   * @param open opens the socket on {@code context} and runs the init it is given (which sets the
   *     handlers) before any event can be dispatched, as
   *     {@link WebSocketContext#open(String, List, Consumer)} does; the kit's
   *     {@link dev.duplex.tck.Kit#open(WebSocketContext, String, String...)} is the usual way
   * @return the socket
   */
  public static ApiSocket open(WebSocketContext context, Function<Consumer<WebSocket>, WebSocket> open) {
    return new ApiSocket(context, open);
  }

  /** @return the socket */
  public WebSocket socket() {
    return socket;
  }

  /**
   * Runs code as a task on the context's event loop (as a page script would) and returns its
   * result.
   *
   * @param <T> the result type
   * @param code the code
   * @return its result
   */
  public <T> T onLoop(Supplier<T> code) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.run(() -> {
      try {
        result.complete(code.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(Timeouts.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError("A task on the event loop failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("The context's event loop did not run a task within " + Timeouts.WAIT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  /** @return the next event; fails the test if none comes in time */
  public ApiEvent next() {
    try {
      ApiEvent e = queue.poll(Timeouts.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("No event within " + Timeouts.WAIT.toSeconds() + " s; so far: " + history()
            + ", readyState " + socket.readyState());
      }
      return e;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", ie);
    }
  }

  /**
   * @param type the expected type
   * @return the next event, which must be of that type
   */
  public ApiEvent next(String type) {
    ApiEvent e = next();
    if (!e.type().equals(type)) {
      throw new AssertionError("Expected a " + type + " event but got " + e + "; so far: " + history());
    }
    return e;
  }

  /** @return the open event, which must come next */
  public ApiEvent awaitOpen() {
    return next("open");
  }

  /** @return the next message event, which must come next */
  public MessageEvent awaitMessage() {
    return next("message").message();
  }

  /** @return the close event, which must come next */
  public CloseEvent awaitClose() {
    return next("close").close();
  }

  /**
   * Waits for the failure sequence: an {@code error} event, then {@code close} with 1006, not
   * clean, both seen with readyState CLOSED (W3C 5 "when the connection is closed").
   *
   * @return the close event
   */
  public CloseEvent awaitErrorThenClose1006() {
    ApiEvent error = next("error");
    if (error.readyState() != WebSocket.CLOSED) {
      throw new AssertionError("readyState in the error handler must be CLOSED (3), was " + error.readyState());
    }
    ApiEvent close = next("close");
    if (close.close().code() != 1006 || close.close().wasClean() || !close.close().reason().isEmpty()) {
      throw new AssertionError("Expected close 1006, not clean, no reason; got " + close);
    }
    return close.close();
  }

  /** @return every event so far */
  public synchronized List<ApiEvent> history() {
    return List.copyOf(all);
  }

  private void record(ApiEvent e) {
    synchronized (this) {
      all.add(e);
    }
    queue.add(e);
  }

  private static String thread() {
    return Thread.currentThread().getName();
  }
}
