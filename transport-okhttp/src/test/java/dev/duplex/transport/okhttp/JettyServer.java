package dev.duplex.transport.okhttp;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A real Jetty 12 WebSocket server on loopback for the well-behaved paths, with an echo endpoint
 * at {@code /echo} and whatever else a test maps.
 *
 * <p>Threading: started and closed by the test's thread; endpoints run on Jetty's threads.
 */
public final class JettyServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final boolean secure;

  private JettyServer(Server server, ServerConnector connector, boolean secure) {
    this.server = server;
    this.connector = connector;
    this.secure = secure;
  }

  static JettyServer start(Consumer<ServerWebSocketContainer> mappings) {
    return start(null, mappings);
  }

  /**
   * @param tls the TLS settings, or null for plain {@code ws:}
   * @param mappings further endpoints
   */
  static JettyServer start(SslContextFactory.Server tls, Consumer<ServerWebSocketContainer> mappings) {
    Server server = new Server();
    ServerConnector connector;
    if (tls == null) {
      connector = new ServerConnector(server);
    } else {
      // Tests connect to 127.0.0.1 with certificates for other names: no SNI host check.
      HttpConfiguration http = new HttpConfiguration();
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      connector = new ServerConnector(
          server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    }
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
      container.setMaxTextMessageSize(64L << 20);
      container.setMaxBinaryMessageSize(64L << 20);
      container.setIdleTimeout(Duration.ofSeconds(60));
      container.addMapping("/echo", (rq, rs, cb) -> new Echo());
      mappings.accept(container);
    }));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start: " + e, e);
    }
    return new JettyServer(server, connector, tls != null);
  }

  /** Maps {@code path} to a new endpoint per connection. */
  static void map(ServerWebSocketContainer c, String path, Supplier<Session.Listener> endpoint) {
    c.addMapping(path, (rq, rs, cb) -> endpoint.get());
  }

  URI uri(String path) {
    return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop: " + e, e);
    }
  }

  /** Echoes every message back. */
  public static final class Echo implements Session.Listener.AutoDemanding {
    private Session session;

    @Override
    public void onWebSocketOpen(Session s) {
      this.session = s;
    }

    @Override
    public void onWebSocketText(String text) {
      session.sendText(text, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
      callback.succeed();
      session.sendBinary(copy, Callback.NOOP);
    }
  }
}
