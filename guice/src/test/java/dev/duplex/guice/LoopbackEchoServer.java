package dev.duplex.guice;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A Jetty 12 WebSocket server on 127.0.0.1 and an ephemeral port: {@code /echo} sends every
 * message back, accepts the first subprotocol offered, and records each handshake's
 * {@code Origin} header and each close code it receives.
 *
 * <p>Public only because Jetty reaches the endpoint through method handles. Threading: started
 * and stopped by the test's thread; Jetty's threads run the endpoints.
 */
public final class LoopbackEchoServer implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  /** The {@code Origin} header of each handshake, {@code ""} when absent. */
  final BlockingQueue<String> origins = new LinkedBlockingQueue<>();
  /** The status code of each Close frame the server received. */
  final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();

  LoopbackEchoServer() throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container ->
        container.addMapping("/echo", (request, response, callback) -> {
          String origin = request.getHeaders().get("Origin");
          origins.add(origin == null ? "" : origin);
          List<String> offered = request.getSubProtocols();
          if (!offered.isEmpty()) {
            response.setAcceptedSubProtocol(offered.get(0));
          }
          return new Echo(closeCodes);
        })));
    server.start();
  }

  /** @return {@code ws://127.0.0.1:port/echo} */
  URI echoUri() {
    return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo");
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("The loopback echo server did not stop: " + e, e);
    }
  }

  /** Public, as Jetty reaches its methods through method handles. */
  public static final class Echo extends Session.Listener.AbstractAutoDemanding {
    /** A client that went away ends its session in error; Jetty would log that as a WARNING. */
    @Override
    public void onWebSocketError(Throwable cause) {
      System.getLogger(LoopbackEchoServer.class.getName())
          .log(System.Logger.Level.DEBUG, "A session ended in error", cause);
    }

    private final BlockingQueue<Integer> closeCodes;

    Echo(BlockingQueue<Integer> closeCodes) {
      this.closeCodes = closeCodes;
    }

    @Override
    public void onWebSocketText(String message) {
      getSession().sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      getSession().sendBinary(payload, callback);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      closeCodes.add(statusCode);
      callback.succeed();
    }
  }
}
