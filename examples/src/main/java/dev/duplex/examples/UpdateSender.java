package dev.duplex.examples;

import dev.duplex.CloseEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The W3C specification's {@code bufferedAmount} example: send the latest update every 50 ms, but
 * only when everything sent before has left, so that a slow network gets fewer updates instead of
 * a growing backlog.
 *
 * <pre>
 * socket.onopen = function () {
 *   setInterval(function() {
 *     if (socket.bufferedAmount == 0)
 *       socket.send(getUpdateData());
 *   }, 50);
 * };
 * </pre>
 *
 * <p>As {@code setInterval} does, each tick runs as a task on the context's event loop
 * ({@link WebSocketContext#run}), so it never runs at the same time as a handler.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread.
 */
public final class UpdateSender implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "update-timer");
    t.setDaemon(true);
    return t;
  });
  private final CompletableFuture<CloseEvent> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private UpdateSender(WebSocketContext context, String url, Supplier<String> getUpdateData) {
    socket = context.open(url, List.of(), ws -> {
      ws.onopen(event -> timer.scheduleAtFixedRate(() -> context.run(() -> {
        if (ws.bufferedAmount() == 0) {
          ws.send(getUpdateData.get());
        }
      }), 0, 50, TimeUnit.MILLISECONDS));
      ws.onclose(event -> {
        timer.shutdown();
        closed.complete(event);
      });
    });
  }

  /**
   * @param context the context
   * @param url where to send the updates, for example {@code ws://127.0.0.1:8025/updates}
   * @param getUpdateData the latest update, asked for on the event loop at each tick that sends
   * @return the running sender
   */
  public static UpdateSender start(WebSocketContext context, String url,
      Supplier<String> getUpdateData) {
    return new UpdateSender(context, url, getUpdateData);
  }

  /** @return completes with the close event */
  public CompletableFuture<CloseEvent> closed() {
    return closed;
  }

  /** Stops sending and closes the socket with 1000. */
  @Override
  public void close() {
    timer.shutdown();
    socket.close(1000);
  }
}
