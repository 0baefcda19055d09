package dev.duplex.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.spi.ConnectRequest;
import dev.duplex.spi.Transport;
import dev.duplex.spi.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The opening-handshake checks of RFC 6455 4.1 that Jetty 12.1.14 leaves out or loosens, each
 * restored by the adapter, proved against a scripted server on loopback.
 *
 * <p>Threading: JUnit's test thread.
 */
@ExtendWith(NoJettyWarnings.class)
class JettyHandshakeCompensationTest {
  private final ScriptedServer server = newServer();
  private final Transport transport = new JettyTransportProvider().create(TransportConfig.defaults());

  private static ScriptedServer newServer() {
    try {
      return new ScriptedServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() throws Exception {
    transport.close();
    server.close();
  }

  private Recorder connect(String path, Consumer<ConnectRequest.Builder> adjust) {
    ConnectRequest.Builder b = ConnectRequest.builder(server.uri(path));
    adjust.accept(b);
    Recorder r = new Recorder();
    transport.connect(b.build(), r);
    return r;
  }

  @Test
  void rfc6455_4_1_failsOnAcceptWithWrongCase() throws Exception {
    Recorder r = connect("/", b -> {});
    ScriptedServer.Peer p = server.accept().readRequest();
    String wrongCase = p.accept().toLowerCase(Locale.ROOT);
    p.writeAscii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + wrongCase + "\r\n\r\n");
    Throwable cause = r.awaitFailed();
    assertTrue(cause.getMessage().contains("Sec-WebSocket-Accept"), cause.toString());
    assertTrue(p.awaitEof(), "the client must close TCP");
    assertEquals(List.of(), r.violations());
  }

  @Test
  void rfc6455_4_1_failsOn101WithoutUpgradeHeader() throws Exception {
    Recorder r = connect("/", b -> {});
    ScriptedServer.Peer p = server.accept().readRequest();
    p.writeAscii("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + p.accept() + "\r\n\r\n");
    Throwable cause = r.awaitFailed();
    assertTrue(cause.getMessage().contains("Upgrade: websocket"), cause.toString());
  }

  @Test
  void rfc6455_4_1_failsWhenOfferedSubprotocolIsMissing() throws Exception {
    Recorder r = connect("/", b -> b.protocols(List.of("chat", "superchat")));
    ScriptedServer.Peer p = server.accept().readRequest();
    assertEquals("chat, superchat", p.header("Sec-WebSocket-Protocol"));
    p.respond101();
    Throwable cause = r.awaitFailed();
    assertTrue(cause.getMessage().contains("subprotocol"), cause.toString());
  }

  @Test
  void rfc6455_4_1_failsWhenSubprotocolDiffersInCase() throws Exception {
    Recorder r = connect("/", b -> b.protocols(List.of("chat")));
    server.accept().readRequest().respond101("Sec-WebSocket-Protocol: CHAT");
    r.awaitFailed();
  }

  @Test
  void rfc6455_4_1_acceptsConnectionHeaderAsTokenList() throws Exception {
    Recorder r = connect("/", b -> b.protocols(List.of("chat")));
    ScriptedServer.Peer p = server.accept().readRequest();
    p.writeAscii("HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\n"
        + "connection: keep-alive, Upgrade\r\nsec-websocket-accept: " + p.accept() + "\r\n"
        + "Sec-WebSocket-Protocol: chat\r\n\r\n");
    assertEquals("chat", r.awaitOpened().protocol());
  }

  @Test
  void rfc6455_4_1_failsOnRedirectWithoutFollowingIt() throws Exception {
    Recorder r = connect("/old", b -> {});
    ScriptedServer.Peer p = server.accept().readRequest();
    p.writeAscii("HTTP/1.1 302 Found\r\nLocation: " + server.uri("/new").toString().replace("ws:", "http:")
        + "\r\nContent-Length: 0\r\n\r\n");
    Throwable cause = r.awaitFailed();
    assertTrue(cause.getMessage().contains("302"), cause.toString());
    assertTrue(p.awaitEof(), "the redirect must not be followed on the same connection");
  }

  @Test
  void rfc6455_4_1_failsOnRedirectEvenWithHandedInClientThatFollowsRedirects() throws Exception {
    HttpClient http = new HttpClient();
    http.setFollowRedirects(true);
    http.start();
    try (Transport own = new JettyTransportProvider(http).create(TransportConfig.defaults())) {
      Recorder r = new Recorder();
      own.connect(ConnectRequest.builder(server.uri("/old")).build(), r);
      ScriptedServer.Peer p = server.accept().readRequest();
      p.writeAscii("HTTP/1.1 301 Moved Permanently\r\nLocation: "
          + server.uri("/new").toString().replace("ws:", "http:") + "\r\nContent-Length: 0\r\n\r\n");
      r.awaitFailed();
      assertTrue(p.awaitEof(), "the redirect must not be followed");
    } finally {
      assertTrue(http.isRunning(), "a handed-in client is never stopped by the transport");
      http.stop();
    }
  }

  @Test
  void rfc6455_4_1_failsWhenHandshakeTimesOut() throws Exception {
    Recorder r = connect("/", b -> b.handshakeTimeout(Duration.ofMillis(300)));
    ScriptedServer.Peer p = server.accept().readRequest(); // and never answer
    Throwable cause = r.awaitFailed();
    assertInstanceOf(TimeoutException.class, cause);
    assertTrue(p.awaitEof(), "the client must close TCP after the timeout");
  }

  @Test
  void rfc6455_4_1_sendsRequestLineHostOriginAndHeadersAsGiven() throws Exception {
    connect("/chat?room=1", b -> b.origin("https://app.example").header("Cookie", "a=1")
        .header("X-Trace", "t"));
    ScriptedServer.Peer p = server.accept().readRequest();
    assertEquals("GET /chat?room=1 HTTP/1.1", p.requestLine);
    assertEquals("127.0.0.1:" + server.port(), p.header("Host"));
    assertEquals("https://app.example", p.header("Origin"));
    assertEquals("a=1", p.header("Cookie"));
    assertEquals("t", p.header("X-Trace"));
    assertEquals("13", p.header("Sec-WebSocket-Version"));
    assertEquals(null, p.header("Sec-WebSocket-Extensions"), "nothing offered unless asked");
  }

  @Test
  void rfc6455_4_1_failsOnUnresolvableHostAfterConnectReturns() {
    Recorder r = new Recorder();
    transport.connect(ConnectRequest.builder(URI.create("ws://no-such-host.invalid/")).build(), r);
    r.awaitFailed();
    assertEquals(List.of(), r.violations());
  }
}
