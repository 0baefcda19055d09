package dev.duplex.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.CloseEvent;
import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One socket's life as a test sees it: opened race-free with handlers set in {@code init}, its
 * first message and its close event as futures.
 *
 * <p>Threading: the futures complete on the context's event loop; tests wait on them.
 */
final class Conversation {
  /** Long enough for a slow CI machine, short enough that a hang fails the test quickly. */
  static final long WAIT_SECONDS = 10;

  final CompletableFuture<Void> opened = new CompletableFuture<>();
  final CompletableFuture<String> firstMessage = new CompletableFuture<>();
  final CompletableFuture<Boolean> errored = new CompletableFuture<>();
  final CompletableFuture<CloseEvent> closed = new CompletableFuture<>();
  final WebSocket socket;

  private Conversation(WebSocketContext context, URI uri) {
    socket = context.open(uri.toString(), List.of(), ws -> {
      ws.onopen(e -> opened.complete(null));
      ws.onmessage(e -> firstMessage.complete(e.text()));
      ws.onerror(e -> errored.complete(true));
      ws.onclose(e -> {
        opened.completeExceptionally(new AssertionError("closed before open: " + e.code()));
        firstMessage.completeExceptionally(new AssertionError("closed with no message"));
        errored.complete(false);
        closed.complete(e);
      });
    });
  }

  static Conversation open(WebSocketContext context, URI uri) {
    return new Conversation(context, uri);
  }

  /**
   * Sends {@code text} once open, waits for the echo and closes with 1000.
   *
   * @return the echoed text
   */
  static String echo(WebSocketContext context, URI uri, String text) throws Exception {
    Conversation c = open(context, uri);
    c.opened.get(WAIT_SECONDS, TimeUnit.SECONDS);
    c.socket.send(text);
    String echoed = c.firstMessage.get(WAIT_SECONDS, TimeUnit.SECONDS);
    c.socket.close(1000);
    assertEquals(1000, c.closed.get(WAIT_SECONDS, TimeUnit.SECONDS).code());
    return echoed;
  }
}
