package dev.duplex.examples;

import dev.duplex.WebSocketContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The smallest useful client: sends one message to an echo server, returns the reply, closes.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.duplex.examples.EchoClient
 * -Dexec.args="ws://127.0.0.1:8025/echo hello"} (with {@link ExampleServer} running).
 *
 * <p>Threading: {@link #echo} may be called from any thread; the handlers run on the context's
 * event loop.
 */
public final class EchoClient {
  private EchoClient() {}

  /**
   * Opens a socket, sends {@code text} once it is open, and closes it when the reply arrives.
   *
   * @param context the context to open the socket on
   * @param url the echo server
   * @param text the message
   * @return the reply; fails if the socket closes first
   */
  public static CompletableFuture<String> echo(WebSocketContext context, String url, String text) {
    CompletableFuture<String> reply = new CompletableFuture<>();
    // Race-free: the handlers are set in init, before any event can be dispatched.
    context.open(url, List.of(), ws -> {
      ws.onopen(event -> ws.send(text));
      ws.onmessage(event -> {
        reply.complete(event.text());
        ws.close(1000, "thanks");
      });
      ws.onclose(event -> reply.completeExceptionally(
          new IOException("The socket closed before the echo arrived, code " + event.code())));
    });
    return reply;
  }

  /**
   * @param args the URL (default {@code ws://127.0.0.1:8025/echo}) and the text
   * @throws Exception if no echo arrives within 10 s
   */
  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "ws://127.0.0.1:8025/echo";
    String text = args.length > 1 ? args[1] : "hello";
    try (WebSocketContext context = WebSocketContext.builder().build()) {
      System.out.println(echo(context, url, text).get(10, TimeUnit.SECONDS));
    }
  }
}
