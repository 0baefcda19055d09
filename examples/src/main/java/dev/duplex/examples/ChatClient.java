package dev.duplex.examples;

import dev.duplex.WebSocket;
import dev.duplex.WebSocketContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A chat client that negotiates its subprotocol: it offers {@code chat.v2} and {@code chat.v1}, in
 * that order of preference, and reads what the server relays according to the one the server
 * selected ({@link WebSocket#protocol()}). Under {@code chat.v1} a line is {@code "nick: text"};
 * {@code chat.v2} numbers them, {@code "#7 nick: text"}.
 *
 * <p>Threading: {@link #say} and {@link #close} from any thread; lines are delivered on the
 * context's event loop.
 */
public final class ChatClient implements AutoCloseable {
  /** The subprotocols offered, most preferred first. */
  public static final List<String> PROTOCOLS = List.of("chat.v2", "chat.v1");

  /**
   * One relayed line.
   *
   * @param sequence the server's number for it under {@code chat.v2}; -1 under {@code chat.v1}
   * @param nick who said it
   * @param text what was said
   */
  public record Line(int sequence, String nick, String text) {}

  private final String nick;
  private final WebSocket socket;
  private final CompletableFuture<String> joined = new CompletableFuture<>();

  private ChatClient(WebSocketContext context, String url, String nick, Consumer<Line> lines) {
    this.nick = nick;
    this.socket = context.open(url, PROTOCOLS, ws -> {
      ws.onopen(event -> joined.complete(ws.protocol()));
      ws.onmessage(event -> lines.accept(parse(ws.protocol(), event.text())));
      ws.onclose(event -> joined.completeExceptionally(
          new IllegalStateException("Could not join the chat: close code " + event.code())));
    });
  }

  /**
   * Joins the chat room at {@code url}.
   *
   * @param context the context
   * @param url for example {@code ws://127.0.0.1:8025/chat}
   * @param nick the name to speak under
   * @param lines receives every relayed line, on the event loop
   * @return the client, joining
   */
  public static ChatClient join(WebSocketContext context, String url, String nick,
      Consumer<Line> lines) {
    return new ChatClient(context, url, nick, lines);
  }

  /** @return completes with the negotiated subprotocol once joined */
  public CompletableFuture<String> joined() {
    return joined;
  }

  /** @param text what to say (only once {@link #joined()} has completed) */
  public void say(String text) {
    socket.send(nick + ": " + text);
  }

  @Override
  public void close() {
    socket.close(1000, "bye");
  }

  static Line parse(String protocol, String data) {
    int sequence = -1;
    String rest = data;
    if (protocol.equals("chat.v2") && data.startsWith("#")) {
      int space = data.indexOf(' ');
      sequence = Integer.parseInt(data.substring(1, space));
      rest = data.substring(space + 1);
    }
    int colon = rest.indexOf(": ");
    return colon < 0 ? new Line(sequence, "", rest)
        : new Line(sequence, rest.substring(0, colon), rest.substring(colon + 2));
  }
}
