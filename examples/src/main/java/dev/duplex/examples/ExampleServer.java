package dev.duplex.examples;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Something for the examples to talk to: a Jetty 12 WebSocket server on {@code 127.0.0.1}.
 *
 * <ul>
 *   <li>{@code /echo}: sends every message back; accepts the first subprotocol offered.
 *   <li>{@code /chat}: a chat room. Accepts {@code chat.v2} or {@code chat.v1} (whichever of the
 *       {@linkplain #start(int, List) supported} ones the client prefers) and relays every
 *       message {@code "nick: text"} to every member; {@code chat.v2} members get it numbered,
 *       {@code "#7 nick: text"}.
 *   <li>{@code /lamp}: the W3C specification's lamp protocol: sends {@code "on"}, {@code "off"},
 *       {@code "on"}, then closes with 1000.
 *   <li>{@code /updates}: counts the messages it receives (see {@link #updatesReceived()}).
 * </ul>
 *
 * <p>Run it with {@code mvn -q -pl examples exec:java
 * -Dexec.mainClass=dev.duplex.examples.ExampleServer} (port 8025, or the first argument).
 *
 * <p>Public, with public endpoint classes, because Jetty reaches endpoints through method handles.
 * Threading: start and close from one thread; Jetty runs the endpoints on its own threads.
 */
public final class ExampleServer implements AutoCloseable {
  /** The chat subprotocols, newest first. */
  public static final List<String> CHAT_PROTOCOLS = List.of("chat.v2", "chat.v1");

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final List<String> chatProtocols;
  private final Set<Session> chatMembers = new CopyOnWriteArraySet<>();
  private final AtomicInteger chatSequence = new AtomicInteger();
  private final AtomicLong updates = new AtomicLong();

  private ExampleServer(int port, List<String> chatProtocols) {
    this.chatProtocols = List.copyOf(chatProtocols);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
      container.addMapping("/echo", (request, response, callback) -> {
        acceptFirst(request.getSubProtocols(), response);
        return new Echo();
      });
      container.addMapping("/chat", (request, response, callback) -> {
        acceptFirst(request.getSubProtocols().stream().filter(this.chatProtocols::contains)
            .toList(), response);
        return new ChatMember(this);
      });
      container.addMapping("/lamp", (request, response, callback) -> new Lamp());
      container.addMapping("/updates", (request, response, callback) -> new UpdateCounter(updates));
    }));
  }

  /**
   * Starts a server that speaks both chat versions.
   *
   * @param port the port, 0 for any free one
   * @return the running server
   * @throws Exception if it cannot bind
   */
  public static ExampleServer start(int port) throws Exception {
    return start(port, CHAT_PROTOCOLS);
  }

  /**
   * Starts a server whose chat room speaks only {@code chatProtocols}.
   *
   * @param port the port, 0 for any free one
   * @param chatProtocols the chat subprotocols it supports
   * @return the running server
   * @throws Exception if it cannot bind
   */
  public static ExampleServer start(int port, List<String> chatProtocols) throws Exception {
    ExampleServer s = new ExampleServer(port, chatProtocols);
    s.server.start();
    return s;
  }

  /** @param path for example {@code "/echo"} @return {@code ws://127.0.0.1:port/path} */
  public URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + path);
  }

  /** @return how many messages {@code /updates} has received */
  public long updatesReceived() {
    return updates.get();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("The example server did not stop: " + e, e);
    }
  }

  /**
   * Runs the server until the process is stopped.
   *
   * @param args the port (default 8025)
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    ExampleServer s = start(args.length > 0 ? Integer.parseInt(args[0]) : 8025);
    for (String path : List.of("/echo", "/chat", "/lamp", "/updates")) {
      System.out.println("listening on " + s.uri(path));
    }
    s.server.join();
  }

  private static void acceptFirst(List<String> offered, ServerUpgradeResponse response) {
    if (!offered.isEmpty()) {
      response.setAcceptedSubProtocol(offered.get(0));
    }
  }

  private void relay(String line) {
    int seq = chatSequence.incrementAndGet();
    for (Session member : chatMembers) {
      String protocol = member.getUpgradeResponse().getAcceptedSubProtocol();
      member.sendText("chat.v2".equals(protocol) ? "#" + seq + " " + line : line, Callback.NOOP);
    }
  }

  /**
   * An endpoint that handles a session ending in error itself (a client that went away), which
   * Jetty would otherwise log as an "Unhandled Error" WARNING: logged at DEBUG here.
   */
  public abstract static class QuietEndpoint extends Session.Listener.AbstractAutoDemanding {
    private static final System.Logger LOG = System.getLogger(ExampleServer.class.getName());

    @Override
    public void onWebSocketError(Throwable cause) {
      LOG.log(System.Logger.Level.DEBUG, "A session ended in error", cause);
    }
  }

  /** {@code /echo}. */
  public static final class Echo extends QuietEndpoint {
    @Override
    public void onWebSocketText(String message) {
      getSession().sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      getSession().sendBinary(payload, callback);
    }
  }

  /** {@code /chat}. */
  public static final class ChatMember extends QuietEndpoint {
    private final ExampleServer room;

    ChatMember(ExampleServer room) {
      this.room = room;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      super.onWebSocketOpen(session);
      room.chatMembers.add(session);
    }

    @Override
    public void onWebSocketText(String message) {
      room.relay(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      room.chatMembers.remove(getSession());
      callback.succeed();
    }
  }

  /** {@code /lamp}: "on", "off", "on", then close. */
  public static final class Lamp extends QuietEndpoint {
    @Override
    public void onWebSocketOpen(Session session) {
      super.onWebSocketOpen(session);
      session.sendText("on", Callback.NOOP);
      session.sendText("off", Callback.NOOP);
      session.sendText("on", Callback.from(() -> session.close(1000, "done", Callback.NOOP),
          x -> session.disconnect()));
    }
  }

  /** {@code /updates}: counts. */
  public static final class UpdateCounter extends QuietEndpoint {
    private final AtomicLong count;

    UpdateCounter(AtomicLong count) {
      this.count = count;
    }

    @Override
    public void onWebSocketText(String message) {
      count.incrementAndGet();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      count.incrementAndGet();
      callback.succeed();
    }
  }
}
